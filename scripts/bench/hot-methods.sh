# Sourced by run.sh and compare.sh.
# hot_methods SAMPLES_FILE [N]: from `jfr print` output of execution or CPU-time samples, the N (default
# 40) most common top frames (self time) and, separately, the most common first dev.meerkat frame per
# sample (where Meerkat code is on the stack).
hot_methods() {
  awk -v top="${2:-40}" '
    /stackTrace = \[/ { inst=1; first=1; own=""; next }
    inst && /^[ \t]*\]/ { inst=0; if (own!="") mk[own]++; next }
    inst {
      line=$0; sub(/^[ \t]+/, "", line); sub(/[ \t]+line:.*/, "", line);
      if (first) { self[line]++; total++; first=0 }
      if (own=="" && line ~ /^dev\.meerkat\./) own=line
    }
    END {
      sorter = "sort -rn | head -" top
      print "samples " total;
      print "== self (top frame) =="; for (k in self) printf "%6d %5.1f%% %s\n", self[k], 100*self[k]/total, k | sorter; close(sorter);
      print "== first Meerkat frame =="; for (k in mk) printf "%6d %5.1f%% %s\n", mk[k], 100*mk[k]/total, k | sorter
    }' "$1"
}
