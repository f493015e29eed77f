"""``xxgk manage create_user USERNAME --agency CODE --role ROLE`` (password from ``XXGK_PASSWORD``)."""

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from xxgk.agencies import services
from xxgk.agencies.models import ApproverPost, Role


class Command(BaseCommand):
    help = "新建工作人员账号。密码取自环境变量 XXGK_PASSWORD，未设置时询问。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="用户名")
        parser.add_argument("--agency", required=True, help="所在机关的代码")
        parser.add_argument("--role", required=True, choices=Role.values, help="角色")
        parser.add_argument("--department", help="所在科室（承办人）")
        parser.add_argument("--post", choices=ApproverPost.values, default="", help="审核岗位（审核人）")
        parser.add_argument("--name", default="", help="姓名")

    def handle(self, *args, **o) -> None:
        password = os.environ.get("XXGK_PASSWORD")
        if not password:
            if not self.stdin_is_tty():
                raise CommandError("未设置环境变量 XXGK_PASSWORD，且无法在终端中询问密码")
            password = getpass.getpass("密码：")
            if password != getpass.getpass("再输入一次："):
                raise CommandError("两次输入的密码不一致")
        try:
            staff = services.create_user(
                o["username"],
                password,
                agency=o["agency"],
                role=o["role"],
                department=o["department"],
                post=o["post"],
                display_name=o["name"],
            )
        except ValidationError as e:
            raise CommandError("；".join(e.messages)) from None
        self.stdout.write(f"已新建用户 {o['username']}：{staff}")

    @staticmethod
    def stdin_is_tty() -> bool:
        import sys

        return sys.stdin.isatty()
