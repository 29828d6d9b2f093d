#!/usr/bin/env Rscript
# Reference values for the outcome package, computed independently in R.
#
#   Rscript scripts/r/outcomes_reference.R            (from the repository root)
#
# For every fixture CSV in internal/outcome/testdata/ (balanced, small,
# zero_cells, large) and every instrument in it, writes to
# internal/outcome/testdata/<fixture>.reference.json: the 2x2 counts, the odds
# ratio with Woolf's 95% CI (0.5 added to every cell when one is 0), the
# two-sided fisher.test p-value, and the glm logistic fit
# maintained ~ high_dose + baseline (coefficients and standard errors), with
# separated = true when a dose-by-outcome cell is empty or glm warned.
# Base R only (no jsonlite on this machine), so JSON is written by hand.

mcid <- c(phq9 = 5, gad7 = 4, pcl5 = 10)
dir <- "internal/outcome/testdata"
fixtures <- c("balanced", "small", "zero_cells", "large")

num <- function(x) if (is.na(x)) "null" else sprintf("%.17g", x)
arr <- function(x) paste0("[", paste(vapply(x, num, ""), collapse = ", "), "]")

analyse <- function(d, inst) {
  d <- d[d$instrument == inst, ]
  lost <- sum(is.na(d$month12))
  d <- d[!is.na(d$month12), ]
  y <- as.integer(d$baseline - d$month12 >= mcid[[inst]])
  high <- as.integer(d$sessions_90d >= 8)
  a <- sum(high == 1 & y == 1); b <- sum(high == 1 & y == 0)
  c <- sum(high == 0 & y == 1); dd <- sum(high == 0 & y == 0)
  cells <- c(a, b, c, dd)
  if (any(cells == 0)) cells <- cells + 0.5
  or <- (cells[1] * cells[4]) / (cells[2] * cells[3])
  se <- sqrt(sum(1 / cells))
  z <- qnorm(0.975)
  p <- fisher.test(matrix(c(a, c, b, dd), nrow = 2))$p.value
  warned <- FALSE
  fit <- withCallingHandlers(
    glm(y ~ high + d$baseline, family = binomial,
        control = glm.control(epsilon = 1e-14, maxit = 100)),
    warning = function(w) { warned <<- TRUE; invokeRestart("muffleWarning") })
  separated <- warned || any(c(a, b, c, dd) == 0)
  co <- coef(summary(fit))
  glm_part <- if (separated || nrow(co) < 3) {
    '"glm": null'
  } else {
    sprintf('"glm": {"coef": %s, "se": %s}', arr(co[, 1]), arr(co[, 2]))
  }
  sprintf(paste0('"%s": {"n": %d, "lost_to_follow_up": %d, "table": [%d, %d, %d, %d], ',
                 '"odds_ratio": %s, "ci95": %s, "p_fisher": %s, "separated": %s, %s}'),
          inst, nrow(d), lost, a, b, c, dd, num(or),
          arr(exp(log(or) + c(-1, 1) * z * se)), num(p),
          tolower(as.character(separated)), glm_part)
}

for (f in fixtures) {
  d <- read.csv(file.path(dir, paste0(f, ".csv")), stringsAsFactors = FALSE)
  parts <- vapply(sort(unique(d$instrument)), function(i) analyse(d, i), "")
  out <- paste0("{\n  ", paste(parts, collapse = ",\n  "), "\n}\n")
  writeLines(out, file.path(dir, paste0(f, ".reference.json")), sep = "")
}
