#!/usr/bin/env bash
# Sets up xxgk, shows the core on the bundled example reports (parse, show, check), then sets up the
# database, loads the demo ledgers and serves the web system at http://127.0.0.1:8000/ (foreground;
# Ctrl-C stops it). XXGK_PORT chooses another port; XXGK_DATA_DIR another data folder (default ./data).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
x=.venv/bin/xxgk
first=$(ls examples/*.txt | head -1)
echo; echo "== xxgk parse examples/"
$x parse examples/
echo; echo "== xxgk show $first"
$x show "$first"
echo; echo "== xxgk check examples/"
$x check examples/ || echo "(xxgk check 退出码非零：上面列出了错误级问题)"

port=${XXGK_PORT:-8000}
echo; echo "== 数据库：迁移、静态文件、演示数据"
$x manage migrate --noinput -v0
$x manage collectstatic --noinput -v0
$x manage demo_data
$x manage portal_demo
echo
echo "== xxgk 工作系统：http://127.0.0.1:$port/"
echo "   登录：http://127.0.0.1:$port/accounts/login/ ，用户名见上（如 demo_clerk、demo_supervisor），密码见上"
echo "   政府信息公开平台（公众，无需登录）：http://127.0.0.1:$port/zfxxgk/ ，如 http://127.0.0.1:$port/zfxxgk/demo/"
echo "   管理后台：http://127.0.0.1:$port/admin/ （demo_admin）"
echo "   API：http://127.0.0.1:$port/api/openapi.json ；令牌：POST /api/auth/token {\"username\",\"password\"}"
echo "   按 Ctrl-C 停止"
exec .venv/bin/gunicorn xxgk.site.wsgi --bind "127.0.0.1:$port" --workers 2 --access-logfile -
