package billing

import (
	"fmt"
	"strconv"
	"strings"
)

// Money is an exact amount: integer minor units (cents) of a currency.
// There is no floating point anywhere in billing.
type Money struct {
	Amount   int64
	Currency string
}

// currencies lists the currencies a practice may bill in, with their
// symbols. All have two decimal places (ISO 4217 exponent 2).
var currencies = map[string]string{
	"USD": "$", "CAD": "CA$", "AUD": "A$", "EUR": "€", "GBP": "£", "NZD": "NZ$", "CHF": "CHF ",
}

// ValidCurrency reports whether code is a supported ISO 4217 code.
func ValidCurrency(code string) bool {
	_, ok := currencies[code]
	return ok
}

// maxAmount bounds any single amount (ten million in major units) so sums
// of a practice's lifetime of invoices stay far from int64 overflow.
const maxAmount = 10_000_000_00

// String formats m for people: "$1,234.50", "-€12.00".
func (m Money) String() string {
	sign := ""
	a := m.Amount
	if a < 0 {
		sign, a = "-", -a
	}
	sym, ok := currencies[m.Currency]
	if !ok {
		sym = m.Currency + " "
	}
	return fmt.Sprintf("%s%s%s.%02d", sign, sym, groupThousands(a/100), a%100)
}

// Plain formats m without symbol or grouping, for CSV and form values:
// "1234.50".
func (m Money) Plain() string { return FormatAmount(m.Amount) }

// FormatAmount writes minor units as a plain decimal: 1234.50, -0.05.
func FormatAmount(a int64) string {
	sign := ""
	if a < 0 {
		sign, a = "-", -a
	}
	return fmt.Sprintf("%s%d.%02d", sign, a/100, a%100)
}

func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// ParseAmount reads a non-negative decimal amount typed by a person
// ("120", "120.5", "1,200.00", "$95.00") into minor units. More than two
// decimal places is an error rather than silent rounding.
func ParseAmount(s string) (int64, error) {
	s = strings.TrimSpace(s)
	for _, sym := range []string{"$", "€", "£"} {
		s = strings.TrimPrefix(s, sym)
	}
	s = strings.ReplaceAll(s, ",", "")
	if s == "" {
		return 0, fmt.Errorf("enter an amount such as 120.00")
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" || !allDigits(whole) || (hasDot && (frac == "" || !allDigits(frac))) {
		return 0, fmt.Errorf("enter an amount such as 120.00")
	}
	if len(frac) > 2 {
		return 0, fmt.Errorf("use at most two decimal places")
	}
	if len(whole) > 8 {
		return 0, fmt.Errorf("amount is too large")
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	for len(frac) < 2 {
		frac += "0"
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	a := w*100 + f
	if a > maxAmount {
		return 0, fmt.Errorf("amount is too large")
	}
	return a, nil
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Percent applies a rate in basis points (1/100 of a percent) to a
// non-negative amount, rounding half up to the minor unit:
// Percent(12345, 2500) = 3086 (3086.25 rounds down), Percent(10, 2500) = 3
// (2.5 rounds up). Integer arithmetic only.
func Percent(amount int64, bp int) int64 {
	return (amount*int64(bp) + 5000) / 10000
}

// Discounted is amount less a sliding-scale discount of bp basis points.
// The discount is rounded half up, so the client never pays a fraction of a
// cent more than the stated percentage.
func Discounted(amount int64, bp int) int64 { return amount - Percent(amount, bp) }

// ParsePercent reads "25", "12.5" or "25%" into basis points (0–10000).
func ParsePercent(s string) (int, error) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "%")
	a, err := ParseAmount(s)
	if err != nil || a > 100_00 {
		return 0, fmt.Errorf("enter a percentage between 0 and 100, such as 25")
	}
	return int(a), nil
}

// FormatPercent writes basis points as "25%" or "12.5%".
func FormatPercent(bp int) string {
	s := FormatAmount(int64(bp))
	s = strings.TrimSuffix(strings.TrimSuffix(s, "0"), ".0")
	s = strings.TrimSuffix(s, ".")
	return s + "%"
}
