package outcome_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/outcome"
)

func TestReadCSVAccepts(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []outcome.Row
	}{
		{"plain", "client_id,sessions_90d,instrument,baseline,month12\na,8,phq9,15,9\n",
			[]outcome.Row{{ClientID: "a", Sessions90: 8, Instrument: "phq9", Baseline: 15, Month12: 9, FollowedUp: true}}},
		{"lost to follow-up", "client_id,sessions_90d,instrument,baseline,month12\na,2,gad7,10,\n",
			[]outcome.Row{{ClientID: "a", Sessions90: 2, Instrument: "gad7", Baseline: 10}}},
		{"BOM, CRLF, quotes, blank lines", "\xEF\xBB\xBFclient_id,sessions_90d,instrument,baseline,month12\r\n\"a, b\",\"3\",\"pcl5\",\"40\",\"12.5\"\r\n\r\n\r\n",
			[]outcome.Row{{ClientID: "a, b", Sessions90: 3, Instrument: "pcl5", Baseline: 40, Month12: 12.5, FollowedUp: true}}},
		{"columns reordered, extra column, padded header", " month12 ,note,Instrument,baseline,client_id,sessions_90d\n4,hi,PHQ9,27,x,0\n",
			[]outcome.Row{{ClientID: "x", Sessions90: 0, Instrument: "phq9", Baseline: 27, Month12: 4, FollowedUp: true}}},
		{"range boundaries", "client_id,sessions_90d,instrument,baseline,month12\na,0,pcl5,80,0\n",
			[]outcome.Row{{ClientID: "a", Sessions90: 0, Instrument: "pcl5", Baseline: 80, Month12: 0, FollowedUp: true}}},
		{"header only", "client_id,sessions_90d,instrument,baseline,month12\n", nil},
		{"line of spaces", "client_id,sessions_90d,instrument,baseline,month12\n   \na,1,phq9,1,1\n",
			[]outcome.Row{{ClientID: "a", Sessions90: 1, Instrument: "phq9", Baseline: 1, Month12: 1, FollowedUp: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := outcome.ReadCSV(strings.NewReader(tt.in), rules)
			if err != nil {
				t.Fatalf("ReadCSV: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestReadCSVRejects(t *testing.T) {
	const header = "client_id,sessions_90d,instrument,baseline,month12\n"
	tests := []struct {
		name, in, want string
	}{
		{"empty file", "", "row 1: the file is empty"},
		{"missing column", "client_id,sessions_90d,instrument,baseline\na,1,phq9,3\n", "row 1, column month12: missing from the header"},
		{"duplicate column", "client_id,sessions_90d,instrument,baseline,month12,baseline\n", "row 1, column baseline: appears twice"},
		{"non-numeric baseline", header + "a,1,phq9,3,2\nb,1,phq9,abc,2\n", `row 3, column baseline: "abc" is not a number`},
		{"non-numeric month12", header + "a,1,phq9,3,x\n", `row 2, column month12: "x" is not a number`},
		{"empty baseline", header + "a,1,phq9,,2\n", `row 2, column baseline: "" is not a number`},
		{"NaN score", header + "a,1,phq9,NaN,2\n", `row 2, column baseline: "NaN" is not a number`},
		{"fractional sessions", header + "a,1.5,phq9,3,2\n", `row 2, column sessions_90d: "1.5" is not a whole number`},
		{"negative sessions", header + "a,-1,phq9,3,2\n", "row 2, column sessions_90d: -1 is negative"},
		{"unknown instrument", header + "a,1,bdi,3,2\n", `row 2, column instrument: unknown instrument "bdi"`},
		{"score above range", header + "a,1,phq9,28,2\n", "row 2, column baseline: 28 is outside the instrument's range 0..27"},
		{"score below range", header + "a,1,gad7,3,-1\n", "row 2, column month12: -1 is outside"},
		{"too few fields", header + "a,1,phq9\n", "row 2, column baseline: value is missing"},
		{"row after blank lines", header + "\n\na,1,phq9,x,2\n", `row 4, column baseline`},
		{"bad quoting", header + "a,\"1,phq9,3,2\n", "malformed CSV"},
		{"a client twice for one instrument", header + "a,1,phq9,3,2\nb,1,phq9,3,2\na,9,PHQ9,10,2\n", `row 4, column client_id: client "a" already has a phq9 row (row 2)`},
		{"a line too long to hold", header + "a,1,phq9,3,2\n" + strings.Repeat("x", outcome.MaxLineBytes+1) + "\n", "row 3: the line is longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := outcome.ReadCSV(strings.NewReader(tt.in), rules)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ReadCSV = %v, %v; want error containing %q", rows, err, tt.want)
			}
			var rowErr *outcome.RowError
			if !errors.As(err, &rowErr) {
				t.Errorf("error %T is not a *RowError", err)
			}
		})
	}
}

// FuzzReadCSV checks the reader never panics, reports problems as row errors,
// and only returns rows that respect the rules.
func FuzzReadCSV(f *testing.F) {
	f.Add("client_id,sessions_90d,instrument,baseline,month12\na,8,phq9,15,9\nb,2,gad7,10,\n")
	f.Add("\xEF\xBB\xBFmonth12,instrument,client_id,baseline,sessions_90d\r\n\"1\",pcl5,\"x\"\"y\",40,3\r\n")
	f.Add("client_id,sessions_90d,instrument,baseline,month12\n\"unterminated\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, in string) {
		rows, err := outcome.ReadCSV(strings.NewReader(in), rules)
		if err != nil {
			var rowErr *outcome.RowError
			if !errors.As(err, &rowErr) || rowErr.Row < 1 {
				t.Fatalf("error %v is not a *RowError with a row", err)
			}
			return
		}
		for _, r := range rows {
			rule, ok := rules[r.Instrument]
			if !ok || r.Sessions90 < 0 || r.Baseline < rule.Min || r.Baseline > rule.Max {
				t.Fatalf("accepted an invalid row %+v", r)
			}
		}
		_ = outcome.Analyze(rows, rules)
	})
}
