#!/bin/bash
# One database and one role per service, as ./cohesion up creates them (runs once, on an empty volume).
set -euo pipefail
for svc in members norms metrics; do
  var="${svc^^}_DB_PASSWORD"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" <<SQL
create role $svc login password '${!var}';
create database $svc owner $svc;
SQL
done
