"""Gunicorn settings for `make run` and the benchmarks.

One process with threads is the embedded default: the receipt KDF (Argon2id) releases the GIL, so two cores run
two KDF calls at once, and the in-memory cache that holds throttling counters is shared by every request. A
deployment at scale runs more processes (TIPLINE_WEB_WORKERS) with TIPLINE_REDIS_URL set.

The access log leaves out the client's address and user agent (DESIGN.md: no IP address kept anywhere)."""

import os

bind = os.environ.get("TIPLINE_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("TIPLINE_WEB_WORKERS", "1"))
worker_class = "gthread"
threads = int(os.environ.get("TIPLINE_WEB_THREADS", "8"))
timeout = 60
graceful_timeout = 10
accesslog = "-" if os.environ.get("TIPLINE_ACCESS_LOG", "1") == "1" else None
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
forwarded_allow_ips = ""
proxy_allow_ips = ""
