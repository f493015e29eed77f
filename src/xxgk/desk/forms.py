"""Forms of the desk's own pages; the ledger's forms live beside the views that use them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from xxgk.agencies import options
from xxgk.agencies.models import Agency, AgencyKind, AgencyLevel, ApproverPost, Department, Role
from xxgk.desk import throttle

POSTS = [("", "—"), *ApproverPost.choices]


class ThrottledLoginForm(AuthenticationForm):
    """Django's login form, refusing a username and address after too many wrong passwords."""

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        address = throttle.address_of(self.request) if self.request else None
        message = throttle.refused(username, address)
        if message:
            raise ValidationError(message, code="throttled")
        try:
            cleaned = super().clean()
        except ValidationError:
            throttle.record_failure(username, address)
            raise
        throttle.forget(username, address)
        return cleaned


class AgencyForm(forms.Form):
    code = forms.RegexField(
        label="机关代码",
        regex=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$",
        error_messages={"invalid": "机关代码只能包含字母、数字、下划线和连字符，且不超过32个字符"},
    )
    name = forms.CharField(label="机关名称", max_length=100)
    parent = forms.ModelChoiceField(
        label="上级机关", queryset=Agency.objects.all(), required=False, empty_label="（无，顶级机关）"
    )
    kind = forms.ChoiceField(label="机关类型", choices=AgencyKind.choices)
    level = forms.ChoiceField(label="层级", choices=AgencyLevel.choices, initial=AgencyLevel.COUNTY)


class AgencyEditForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["name", "parent", "kind", "level", "region", "uscc"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].queryset = Agency.objects.exclude(path__startswith=self.instance.path)


class UserForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    display_name = forms.CharField(label="姓名", max_length=50, required=False)
    agency = forms.ModelChoiceField(label="机关", queryset=Agency.objects.all(), to_field_name="code")
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    department = forms.CharField(label="科室（承办人）", max_length=100, required=False)
    post = forms.ChoiceField(label="审核岗位（审核人）", choices=POSTS, required=False)
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, strip=False)


class StaffForm(forms.Form):
    """A user's role and place: agency, role, department, approval post, and whether they may log in."""

    display_name = forms.CharField(label="姓名", max_length=50, required=False)
    agency = forms.ModelChoiceField(label="机关", queryset=Agency.objects.all())
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    department = forms.ModelChoiceField(label="科室", queryset=Department.objects.all(), required=False)
    post = forms.ChoiceField(label="审核岗位", choices=POSTS, required=False)
    is_active = forms.BooleanField(label="允许登录", required=False)


class DepartmentForm(forms.Form):
    name = forms.CharField(label="新科室名称", max_length=100)


class HolidayForm(forms.Form):
    text = forms.CharField(label="节假日安排表（TOML）", widget=forms.Textarea(attrs={"rows": 24}))


def settings_form(agency: Agency) -> type[forms.Form]:
    """A form with one field per agency option (``xxgk.agencies.options``), labels and help from there."""
    fields: dict[str, forms.Field] = {}
    for option in options.OPTIONS:
        common = {"label": option.label, "help_text": option.help, "required": False}
        if option.choices:
            fields[option.name] = forms.TypedChoiceField(
                choices=[(str(c), label) for c, label in option.choices],
                coerce=_coercer(option),
                **common,
            )
        elif option.kind is bool:
            fields[option.name] = forms.BooleanField(**common)
        elif option.kind is int:
            fields[option.name] = forms.IntegerField(**common)
        else:
            fields[option.name] = forms.CharField(max_length=500, **common)
    return type("AgencySettingsForm", (forms.Form,), fields)


def _coercer(option: options.Option):
    by_text = {str(c): c for c, _ in option.choices}
    return lambda text: by_text.get(text, text)


def grouped(form: forms.Form) -> list[tuple[str, list[forms.BoundField]]]:
    """The form's fields under the groups of their options, in the options' order."""
    groups: dict[str, list[forms.BoundField]] = {}
    for option in options.OPTIONS:
        groups.setdefault(option.group, []).append(form[option.name])
    return list(groups.items())
