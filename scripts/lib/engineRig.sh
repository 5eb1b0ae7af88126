# Sourced by the engine scripts (testEngine.sh, extraEngines.sh): what they share.

# wait_for WHAT CHECK LOG: polls the CHECK function for 30 s; on failure shows the tail of LOG.
wait_for() {
  local what=$1 check=$2 log=$3
  for _ in $(seq 1 60); do
    if $check; then return 0; fi
    sleep 0.5
  done
  echo "$what did not start; its log ($log):" >&2
  tail -20 "$log" >&2
  return 1
}

# The test image's file tree, the same for every engine.
# make_test_rootfs FILE writes a tar of a busybox-static tree (one binary, each applet a symlink to it).
make_test_rootfs() {
  local out=$1 root
  root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/www" "$root/root"
  cp "$(command -v busybox)" "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
  echo 'root:x:0:' >"$root/etc/group"
  echo '<h1>berth test</h1>' >"$root/www/index.html"
  tar -C "$root" -cf "$out" .
  rm -rf "$root"
}
