"""The WeChat Official Account channel: the callback server at /wechat/ (URL check, plain and "safe mode"
messages, welcome, menu events, keyword replies, latest notices as article cards), the menu definition, and
pushing a published notice to the account as an article with comments closed.

The channel never takes a report's content: WeChat's servers would hold it. Every reply sends people to the
secure form on the site. Tipline stores no OpenID."""
