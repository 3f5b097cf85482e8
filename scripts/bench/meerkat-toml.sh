# Sourced by run.sh and compare.sh: the one Meerkat config both benchmark with.
# meerkat_toml DATA_DIR PORT  prints it (SCRAM_ITERATIONS, default 4096, as the peers use).
meerkat_toml() {
  cat <<TOML
[general]
  hosts = ["localhost"]
  data_dir = "$1"
  loglevel = "warning"
  max_user_sessions = 100
[[listen.c2s]]
  port = $2
  ip_address = "127.0.0.1"
  tls.mode = "starttls"
  shaper = "bench"
  max_connections = 100000
  backlog = 4096
  allow_plain_without_tls = true
[shaper.bench]
  max_rate = 1000000000
[auth]
  password.scram_iterations = ${SCRAM_ITERATIONS:-4096}
  throttle.failures = 1000000
# free ports: another server on the machine must not make this one fail to start
[admin_api]
  port = 0
[metrics]
  port = 0
[modules.mod_disco]
[modules.mod_ping]
[modules.mod_roster]
[modules.mod_register]
  ip_access = [{address = "127.0.0.0/8", policy = "allow"}]
[modules.mod_muc]
  host = "muc.@HOST@"
  max_users = 1000
TOML
}
