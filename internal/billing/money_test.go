package billing_test

import (
	"testing"

	"github.com/afterward/afterward/internal/billing"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    int64
		wantErr bool
	}{
		{"whole", "120", 12000, false},
		{"one decimal", "120.5", 12050, false},
		{"two decimals", "120.55", 12055, false},
		{"zero", "0", 0, false},
		{"smallest", "0.01", 1, false},
		{"grouping and symbol", "$1,200.00", 120000, false},
		{"spaces", "  95.00 ", 9500, false},
		{"largest", "10000000.00", 1_000_000_000, false},
		{"above largest", "10000000.01", 0, true},
		{"too many digits", "123456789", 0, true},
		{"three decimals refused, never rounded", "1.005", 0, true},
		{"empty", "", 0, true},
		{"negative", "-5", 0, true},
		{"letters", "12a", 0, true},
		{"trailing dot", "12.", 0, true},
		{"leading dot", ".5", 0, true},
		{"two dots", "1.2.3", 0, true},
		{"exponent", "1e3", 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := billing.ParseAmount(tc.in)
			if (err != nil) != tc.wantErr {
				t.Fatalf("ParseAmount(%q) error = %v, want error %v", tc.in, err, tc.wantErr)
			}
			if got != tc.want {
				t.Errorf("ParseAmount(%q) = %d, want %d", tc.in, got, tc.want)
			}
		})
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"120", "0.01", "$1,200.00", "1.005", "", "-1", "99999999.99", "€3", "1..2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := billing.ParseAmount(s)
		if err != nil {
			return
		}
		if a < 0 || a > 1_000_000_000 {
			t.Fatalf("ParseAmount(%q) = %d, out of range", s, a)
		}
		back, err := billing.ParseAmount(billing.FormatAmount(a))
		if err != nil || back != a {
			t.Fatalf("round trip of %d via %q = %d, %v", a, billing.FormatAmount(a), back, err)
		}
	})
}

func TestPercentRoundsHalfUp(t *testing.T) {
	tests := []struct {
		name   string
		amount int64
		bp     int
		want   int64
	}{
		{"exact", 12000, 2500, 3000},
		{"half rounds up", 10, 2500, 3},               // 2.5 → 3
		{"below half rounds down", 12345, 2500, 3086}, // 3086.25 → 3086
		{"above half rounds up", 12347, 2500, 3087},   // 3086.75 → 3087
		{"zero rate", 9999, 0, 0},
		{"full", 9999, 10000, 9999},
		{"one basis point of a cent", 1, 1, 0},
		{"one basis point of 50 dollars", 5000, 1, 1}, // 0.5 → 1
		{"zero amount", 0, 5000, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := billing.Percent(tc.amount, tc.bp); got != tc.want {
				t.Errorf("Percent(%d, %d) = %d, want %d", tc.amount, tc.bp, got, tc.want)
			}
			// The discount and the price always add back up to the fee.
			if got := billing.Discounted(tc.amount, tc.bp) + billing.Percent(tc.amount, tc.bp); got != tc.amount {
				t.Errorf("discounted + discount = %d, want %d", got, tc.amount)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"dollars", billing.Money{Amount: 123450, Currency: "USD"}.String(), "$1,234.50"},
		{"millions", billing.Money{Amount: 123456789, Currency: "USD"}.String(), "$1,234,567.89"},
		{"euro cents", billing.Money{Amount: 5, Currency: "EUR"}.String(), "€0.05"},
		{"negative pounds", billing.Money{Amount: -1200, Currency: "GBP"}.String(), "-£12.00"},
		{"unknown currency", billing.Money{Amount: 100, Currency: "XYZ"}.String(), "XYZ 1.00"},
		{"plain", billing.FormatAmount(-5), "-0.05"},
		{"percent whole", billing.FormatPercent(2500), "25%"},
		{"percent half", billing.FormatPercent(1250), "12.5%"},
		{"percent small", billing.FormatPercent(5), "0.05%"},
		{"percent ten", billing.FormatPercent(1000), "10%"},
		{"percent hundred", billing.FormatPercent(10000), "100%"},
		{"percent zero", billing.FormatPercent(0), "0%"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}

func TestParsePercent(t *testing.T) {
	tests := []struct {
		in      string
		want    int
		wantErr bool
	}{
		{"25", 2500, false}, {"12.5%", 1250, false}, {"100", 10000, false}, {"0", 0, false},
		{"100.01", 0, true}, {"-1", 0, true}, {"abc", 0, true}, {"", 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := billing.ParsePercent(tc.in)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("ParsePercent(%q) = %d, %v; want %d, error %v", tc.in, got, err, tc.want, tc.wantErr)
			}
		})
	}
}
