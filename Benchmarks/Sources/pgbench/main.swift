print("pgbench")
