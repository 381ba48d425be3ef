# Source this (bash) to put Node 24 on PATH when the system's Node is older than 22.12.
# The `node` package on the npm registry brings the binary and its headers; native modules
# (better-sqlite3, node-hid, serialport) are built against those headers through npm_config_nodedir.
# The copy lives outside the repository, in HALL_NODE_HOME (default ~/.cache/hall-console/node-24).
hall_node_ok() {
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null
}
if ! hall_node_ok; then
  HALL_NODE_HOME="${HALL_NODE_HOME:-$HOME/.cache/hall-console/node-24}"
  if [ ! -x "$HALL_NODE_HOME/node_modules/node/bin/node" ]; then
    echo "Installing Node 24 from the npm registry into $HALL_NODE_HOME"
    mkdir -p "$HALL_NODE_HOME"
    echo '{ "private": true, "allowScripts": { "node": true } }' >"$HALL_NODE_HOME/package.json"
    npm install --prefix "$HALL_NODE_HOME" --no-audit --no-fund node@24 >/dev/null || return 1
  fi
  export PATH="$HALL_NODE_HOME/node_modules/node/bin:$PATH"
  for headers in "$HALL_NODE_HOME"/node_modules/node/node_modules/node-*/include/node; do
    export npm_config_nodedir="${headers%/include/node}"
  done
fi
echo "Node $(node --version)"
