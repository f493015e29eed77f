"""The other ledgers' pages: for each register, its columns, the form that adds a row and the one that
changes it, each calling its service of :mod:`xxgk.registers.services`; and import of a workbook whose
header row is the form's labels (all rows or none)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction

from xxgk.agencies.models import Agency
from xxgk.desk.actions import DateInput
from xxgk.registers import models as m
from xxgk.registers import services


@dataclass(frozen=True)
class Register:
    key: str
    model: type[models.Model]
    columns: tuple[str, ...]
    add_fields: tuple[str, ...]
    add: Callable[[Any, Agency, dict[str, Any]], Any]
    edit_fields: tuple[str, ...] = ()
    edit: Callable[[Any, Any, dict[str, Any]], Any] | None = None

    @property
    def title(self) -> str:
        return str(self.model._meta.verbose_name)

    def _form(self, names: tuple[str, ...], data: Any = None, instance: Any = None) -> forms.Form:
        fields = {}
        for name in names:
            field = self.model._meta.get_field(name).formfield()
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
            fields[name] = field
        form = type(f"{self.key}_form", (forms.Form,), fields)(data)
        if instance is not None and data is None:
            form.initial = {n: getattr(instance, n) for n in names}
        return form

    def add_form(self, data: Any = None) -> forms.Form:
        return self._form(self.add_fields, data)

    def edit_form(self, instance: Any, data: Any = None) -> forms.Form:
        return self._form(self.edit_fields, data, instance)

    def cells(self, obj: Any) -> list[str]:
        out = []
        for name in self.columns:
            field = self.model._meta.get_field(name)
            value = getattr(obj, f"get_{name}_display")() if field.choices else getattr(obj, name)
            out.append(
                "" if value in (None, "") else ("是" if value is True else "否" if value is False else value)
            )
        return out

    def labels(self) -> list[str]:
        return [str(self.model._meta.get_field(n).verbose_name) for n in self.columns]


def _conclude(user: Any, case: m.Case, data: dict[str, Any]) -> Any:
    return services.conclude_case(user, case, data["ruling"], data["concluded_on"])


REGISTERS: dict[str, Register] = {
    r.key: r
    for r in (
        Register(
            "documents",
            m.Document,
            ("kind", "title", "number", "issued_on", "published_on", "repealed_on"),
            (
                "kind",
                "title",
                "number",
                "issuer",
                "issued_on",
                "effective_on",
                "published_on",
                "index_number",
            ),
            lambda user, agency, data: services.record_document(user, agency, **data),
            (
                "title",
                "number",
                "issuer",
                "issued_on",
                "effective_on",
                "published_on",
                "index_number",
                "repealed_on",
            ),
            lambda user, obj, data: services.update_document(user, obj, **data),
        ),
        Register(
            "catalogue",
            m.CatalogueItem,
            ("kind", "name", "code", "added_on", "removed_on"),
            ("kind", "name", "code", "added_on"),
            lambda user, agency, data: services.add_catalogue_item(user, agency, **data),
            ("removed_on",),
            lambda user, obj, data: services.remove_catalogue_item(user, obj, data["removed_on"]),
        ),
        Register(
            "decisions",
            m.DecisionTally,
            ("year", "month", "kind", "count", "source"),
            ("kind", "year", "month", "count", "source"),
            lambda user, agency, data: services.set_decisions(user, agency, **data),
        ),
        Register(
            "fees",
            m.FeeIncome,
            ("year", "amount", "note"),
            ("year", "amount", "note"),
            lambda user, agency, data: services.set_fee_income(user, agency, **data),
        ),
        Register(
            "procurement",
            m.Procurement,
            ("name", "contracted_on", "amount"),
            ("name", "contracted_on", "amount"),
            lambda user, agency, data: services.record_procurement(user, agency, **data),
        ),
        Register(
            "cases",
            m.Case,
            ("kind", "after_review", "case_number", "body", "filed_on", "ruling", "concluded_on"),
            ("kind", "after_review", "case_number", "body", "filed_on"),
            lambda user, agency, data: services.file_case(user, agency, **data),
            ("ruling", "concluded_on"),
            _conclude,
        ),
    )
}


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


def import_rows(
    register: Register, user: Any, agency: Agency, rows: list[tuple], *, dry_run: bool
) -> list[str]:
    """Add every row of a sheet (the first row the form's labels); the Chinese problems by row number,
    and nothing written unless every row is good (and not ``dry_run``)."""
    if not rows:
        return ["文件是空的"]
    by_label = {str(register.model._meta.get_field(n).verbose_name): n for n in register.add_fields}
    header = [str(h or "").strip() for h in rows[0]]
    unknown = [h for h in header if h and h not in by_label]
    missing = [
        label
        for label, n in by_label.items()
        if label not in header and register.add_form().fields[n].required
    ]
    if unknown or missing:
        return [
            *(f"第1行：不认识的列“{h}”" for h in unknown),
            *(f"第1行：缺少必填的列“{label}”" for label in missing),
        ]
    problems: list[str] = []
    try:
        with transaction.atomic():
            for number, row in enumerate(rows[1:], start=2):
                if not any(v not in (None, "") for v in row):
                    continue
                data = {by_label[h]: _cell(v) for h, v in zip(header, row, strict=False) if h}
                form = register.add_form(_choice_keys(register, data))
                if not form.is_valid():
                    for name, errors in form.errors.items():
                        label = (
                            str(register.model._meta.get_field(name).verbose_name)
                            if name != "__all__"
                            else ""
                        )
                        problems.append(
                            f"第{number}行{('“' + label + '”') if label else ''}：{'；'.join(errors)}"
                        )
                    continue
                try:
                    with transaction.atomic():
                        register.add(user, agency, form.cleaned_data)
                except ValidationError as e:
                    problems.append(f"第{number}行：{'；'.join(e.messages)}")
            if problems or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return problems


def _choice_keys(register: Register, data: dict[str, Any]) -> dict[str, Any]:
    """A choice may be written as its label (as the list shows it) or its key."""
    out = dict(data)
    for name, value in data.items():
        field = register.model._meta.get_field(name)
        if field.choices:
            by_label = {str(label): key for key, label in field.flatchoices}
            out[name] = by_label.get(str(value).strip(), value)
        elif isinstance(field, models.BooleanField):
            out[name] = str(value).strip() in {"是", "1", "True", "true"}
    return out


class _Rollback(Exception):
    """Leaves the import's transaction without writing."""
