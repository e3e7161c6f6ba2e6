# The growth in time between two sizes, from pairs of runs.
#
#   awk -f bench/growth.awk PAIRS...
#
# Reads lines "small large", each the wall time in seconds of a run on the
# smaller file and of one at once after on the larger (bench/run.sh writes
# them to target/bench/pairs/; several files are pooled), and prints the
# median of the pairs' ratios with its 95% confidence interval, their
# range, and the ratio of the best runs, e.g. "10.52x (95% 10.08x to
# 10.91x; median of 21 pairs, 9.53x to 12.92x; best runs 0.217 s to
# 2.320 s, 10.69x)".
#
# The interval assumes nothing of how the ratios are spread: it runs from
# the k-th smallest ratio to the k-th largest, for the largest k with at
# most a 2.5% chance that fewer than k of n pairs fall below the true
# median, that is P(X <= k - 1) <= 0.025 for X ~ Binomial(n, 1/2). It
# needs six pairs or more; past a thousand, 0.5^n is 0 in floating point
# and k comes from the normal approximation.
# A pair is two plain numbers of seconds, the first above zero.
$1 ~ /^[0-9]*\.?[0-9]+$/ && $2 ~ /^[0-9]*\.?[0-9]+$/ && $1 + 0 > 0 {
  n++
  r[n] = $2 / $1
  if (n == 1 || $1 < bs) bs = $1
  if (n == 1 || $2 < bl) bl = $2
}
END {
  if (n == 0) { print "no pairs"; exit 1 }
  # Insertion sort: quadratic, but a run keeps tens of pairs and pooled
  # runs a few hundred.
  for (i = 2; i <= n; i++) {
    v = r[i]
    for (j = i - 1; j >= 1 && r[j] > v; j--) r[j + 1] = r[j]
    r[j + 1] = v
  }
  m = (n % 2) ? r[(n + 1) / 2] : (r[n / 2] + r[n / 2 + 1]) / 2
  p = 0.5 ^ n; below = p; k = 0
  if (p == 0) k = int(n / 2 - 0.98 * sqrt(n))
  else while (below <= 0.025 && k < n) { p = p * (n - k) / (k + 1); k++; below += p }
  if (k >= 1) ci = sprintf("95%% %.2fx to %.2fx", r[k], r[n + 1 - k])
  else ci = "too few pairs for a 95% interval"
  printf "%.2fx (%s; median of %d pairs, %.2fx to %.2fx; best runs %.3f s to %.3f s, %.2fx)", m, ci, n, r[1], r[n], bs, bl, bl / bs
}
