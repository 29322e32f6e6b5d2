"""Forms whose errors screen readers announce with the field: after validation, a field with errors points to
its error list (and its help text) through aria-describedby. The error list's id is the one _field.html gives."""

from __future__ import annotations

from django import forms


class AccessibleForm(forms.Form):
    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            described_by = [f"{bound.auto_id}_errors"]
            if self.fields[name].help_text:
                described_by.append(f"{bound.auto_id}_helptext")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(described_by)
