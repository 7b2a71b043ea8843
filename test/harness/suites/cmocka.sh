#!/usr/bin/env bash
# A cmocka program whose TAP plan promises 3 results and gives 2, one a
# cmocka skip().
O=${O:-build}
. tools/suite-lib.sh
mkdir -p "$O/fx/src" "$O/fx/bin"
: > "$O/fx/src/test_fake.c"
printf '#!/bin/sh\necho 1..3\necho "ok 1 - first"\necho "not ok 2 # SKIP second"\n' > "$O/fx/bin/test_fake"
chmod +x "$O/fx/bin/test_fake"
run_cmocka fx "$O/fx/src" "$O/fx/bin"
exit 0
