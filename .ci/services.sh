#!/usr/bin/env bash
# Start/stop throwaway PostgreSQL 15, MariaDB and OpenLDAP servers on loopback, custom ports,
# data in /tmp, no systemd. Meant to be sourced by a CI script running as root (Debian 12).
# Each start_* exports SC_* variables for the tests; each stop_* kills only the PID it started.
set -euo pipefail

ci_install_services() {   # idempotent; policy-rc.d keeps the packages from starting their own daemons
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  echo 'slapd slapd/no_configuration boolean true' | debconf-set-selections
  apt-get install -y -qq --no-install-recommends postgresql-15 mariadb-server slapd ldap-utils >/dev/null
}

wait_for() {  # wait_for <seconds> <command...>
  local t=$1; shift
  local end=$((SECONDS + t))
  until "$@" >/dev/null 2>&1; do
    if (( SECONDS >= end )); then echo "timeout waiting for: $*" >&2; return 1; fi
    sleep 0.2
  done
}

# ---------- PostgreSQL 15 ----------
start_pg() {
  PG_BIN=/usr/lib/postgresql/15/bin
  PG_PORT=${PG_PORT:-55432}
  PG_DIR=$(mktemp -d /tmp/ci-pg.XXXXXX)
  chown postgres:postgres "$PG_DIR"
  printf 'postgres-admin-pw\n' > "$PG_DIR/pwfile"; chown postgres "$PG_DIR/pwfile"
  # initdb refuses to run as root: run it as the 'postgres' system user
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --pwfile="$PG_DIR/pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$PG_DIR/initdb.log"
  PG_OPTS="-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 -o "$PG_OPTS" start >/dev/null
  PG_PID=$(head -1 "$PG_DIR/data/postmaster.pid")
  wait_for 30 "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT"
  runuser -u postgres -- "$PG_BIN/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q \
      -c "CREATE ROLE xmpp LOGIN PASSWORD 'xmpp'" -c "CREATE DATABASE xmpp OWNER xmpp ENCODING 'UTF8'"
  export SC_PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/xmpp" SC_PG_USER=xmpp SC_PG_PASSWORD=xmpp
  # for the outage test, which stops and restarts this server (as the postgres user)
  export SC_PG_DATA="$PG_DIR/data" SC_PG_CTL="$PG_BIN/pg_ctl" SC_PG_LOG="$PG_DIR/server.log" SC_PG_OPTS="$PG_OPTS"
  echo "postgres pid $PG_PID on 127.0.0.1:$PG_PORT ($PG_DIR)"
}
stop_pg() {
  [ -n "${PG_DIR:-}" ] || return 0
  # the outage test may have restarted the server: pg_ctl finds the current postmaster's pid itself
  runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$PG_DIR/data" -m fast -w stop >/dev/null || kill "$PG_PID"
  rm -rf "$PG_DIR"; unset PG_DIR
}

# ---------- MariaDB 10.11 ----------
start_mariadb() {
  MY_PORT=${MY_PORT:-53306}
  MY_DIR=$(mktemp -d /tmp/ci-mariadb.XXXXXX)
  chown mysql:mysql "$MY_DIR"
  mariadb-install-db --no-defaults --user=mysql --datadir="$MY_DIR/data" \
      --auth-root-authentication-method=socket --skip-test-db >"$MY_DIR/install.log" 2>&1
  mariadbd --no-defaults --user=mysql --datadir="$MY_DIR/data" --socket="$MY_DIR/mysqld.sock" \
      --pid-file="$MY_DIR/mysqld.pid" --port="$MY_PORT" --bind-address=127.0.0.1 --skip-name-resolve \
      --log-error="$MY_DIR/error.log" --innodb-buffer-pool-size=64M --innodb-flush-log-at-trx-commit=0 \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci </dev/null >/dev/null 2>&1 &
  MY_PID=$!
  wait_for 60 mariadb-admin --no-defaults --socket="$MY_DIR/mysqld.sock" -uroot ping
  mariadb --no-defaults --socket="$MY_DIR/mysqld.sock" -uroot -e \
      "CREATE DATABASE xmpp CHARACTER SET utf8mb4; CREATE USER 'xmpp'@'127.0.0.1' IDENTIFIED BY 'xmpp'; GRANT ALL ON xmpp.* TO 'xmpp'@'127.0.0.1';"
  export SC_MARIADB_URL="jdbc:mariadb://127.0.0.1:$MY_PORT/xmpp" SC_MARIADB_USER=xmpp SC_MARIADB_PASSWORD=xmpp
  echo "mariadbd pid $MY_PID on 127.0.0.1:$MY_PORT ($MY_DIR)"
}
stop_mariadb() {
  [ -n "${MY_DIR:-}" ] || return 0
  mariadb-admin --no-defaults --socket="$MY_DIR/mysqld.sock" -uroot shutdown 2>/dev/null || kill "$MY_PID"
  wait "$MY_PID" 2>/dev/null || true
  rm -rf "$MY_DIR"; unset MY_DIR
}

# ---------- OpenLDAP slapd 2.5 ----------
start_slapd() {
  LDAP_PORT=${LDAP_PORT:-53389}
  LDAP_DIR=$(mktemp -d /tmp/ci-slapd.XXXXXX)
  mkdir -p "$LDAP_DIR/slapd.d" "$LDAP_DIR/db"
  local admin_hash; admin_hash=$(slappasswd -s adminpw)
  cat >"$LDAP_DIR/config.ldif" <<EOF
dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: $LDAP_DIR/slapd.pid

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: /usr/lib/ldap
olcModuleLoad: back_mdb

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file:///etc/ldap/schema/core.ldif
include: file:///etc/ldap/schema/cosine.ldif
include: file:///etc/ldap/schema/inetorgperson.ldif

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcSuffix: dc=example,dc=com
olcRootDN: cn=admin,dc=example,dc=com
olcRootPW: $admin_hash
olcDbDirectory: $LDAP_DIR/db
olcDbMaxSize: 104857600
olcAccess: {0}to attrs=userPassword by self write by anonymous auth by * none
olcAccess: {1}to * by * read
EOF
  slapadd -n 0 -F "$LDAP_DIR/slapd.d" -l "$LDAP_DIR/config.ldif" >/dev/null
  # slapd forks into the background itself once its listener is up; the pid lands in olcPidFile
  slapd -F "$LDAP_DIR/slapd.d" -h "ldap://127.0.0.1:$LDAP_PORT/" </dev/null >/dev/null 2>&1
  wait_for 20 ldapsearch -x -H "ldap://127.0.0.1:$LDAP_PORT" -b '' -s base namingContexts
  LDAP_PID=$(cat "$LDAP_DIR/slapd.pid")
  ldapadd -x -H "ldap://127.0.0.1:$LDAP_PORT" -D cn=admin,dc=example,dc=com -w adminpw >/dev/null <<EOF
dn: dc=example,dc=com
objectClass: top
objectClass: dcObject
objectClass: organization
o: Example
dc: example

dn: ou=people,dc=example,dc=com
objectClass: organizationalUnit
ou: people

dn: uid=juliet,ou=people,dc=example,dc=com
objectClass: inetOrgPerson
uid: juliet
cn: Juliet
sn: Capulet
userPassword: s3cret
EOF
  export SC_LDAP_PORT=$LDAP_PORT
  echo "slapd pid $LDAP_PID on 127.0.0.1:$LDAP_PORT ($LDAP_DIR)"
}
stop_slapd() {
  [ -n "${LDAP_DIR:-}" ] || return 0
  kill "$LDAP_PID" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$LDAP_PID" 2>/dev/null || break; sleep 0.1; done
  rm -rf "$LDAP_DIR"; unset LDAP_DIR
}
