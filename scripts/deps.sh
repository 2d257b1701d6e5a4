# Sourced by scripts/run and scripts/test: installs the Debian packages the
# build and the tests need, when any is missing (apt-get; sudo when not root).
APIGW_BUILD_PACKAGES="g++ cmake make pkg-config libcpp-httplib-dev libwebsocketpp-dev libasio-dev
  rapidjson-dev libsqlite3-dev doctest-dev libssl-dev libhttp-parser-dev libzip-dev curl"
APIGW_TEST_PACKAGES="awscli python3 python3-boto3 nodejs"

apigw_install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

apigw_build() {
  local top="$1" type="${2:-RelWithDebInfo}"
  cmake -S "$top" -B "$top/build" -DCMAKE_BUILD_TYPE="$type" >/dev/null
  cmake --build "$top/build" -j"$(nproc)"
}
