package questionnaire

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"testing"
	"time"
)

type fixedShift struct{ next []int }

func (f *fixedShift) Offset() int { o := f.next[0]; f.next = f.next[1:]; return o }

// TestWriteExport: per-subject date shifts are consistent within a subject,
// values shared by fewer than 10 subjects are suppressed, no ids leak.
func TestWriteExport(t *testing.T) {
	day := time.Date(2025, 6, 1, 15, 0, 0, 0, time.UTC)
	var rows []exportRow
	for c := int64(1); c <= 12; c++ {
		sub := "psilocybin"
		if c > 10 {
			sub = "ibogaine" // 2 subjects: suppressed
		}
		rows = append(rows, exportRow{client: 1000 + c, instrument: "phq9", tp: "baseline", at: day, total: 12, severity: "moderate", substance: sub, context: "legal_service"},
			exportRow{client: 1000 + c, instrument: "phq9", tp: "m3", at: day.AddDate(0, 3, 0), total: 7, severity: "mild", substance: sub, context: "legal_service"})
	}
	offsets := make([]int, 12)
	for i := range offsets {
		offsets[i] = i*10 - 60
	}
	var buf bytes.Buffer
	if err := writeExport(&buf, rows, map[int64]int{1001: 9}, &fixedShift{offsets}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(recs[0]), fmt.Sprint(ExportColumns); got != want {
		t.Errorf("header %s, want %s", got, want)
	}
	bySubject := map[string][]string{}
	for _, r := range recs[1:] {
		bySubject[r[0]] = append(bySubject[r[0]], r[3])
		if r[7] == "ibogaine" {
			t.Errorf("a substance shared by 2 subjects was exported: %v", r)
		}
		if bytes.Contains([]byte(r[0]), []byte("100")) {
			t.Errorf("subject code %q looks like a client id", r[0])
		}
	}
	if len(bySubject) != 12 {
		t.Fatalf("subjects = %d, want 12", len(bySubject))
	}
	for code, dates := range bySubject {
		a, _ := time.Parse("2006-01-02", dates[0])
		b, _ := time.Parse("2006-01-02", dates[1])
		if got, want := b.Sub(a), day.AddDate(0, 3, 0).Sub(day); got != want {
			t.Errorf("%s: interval %v, want %v (one offset per subject)", code, got, want)
		}
	}
	suppressed, high := 0, 0
	for _, r := range recs[1:] {
		if r[7] == Suppressed {
			suppressed++
		}
		if r[6] == "high" {
			high++
		}
	}
	if suppressed != 4 || high != 2 {
		t.Errorf("suppressed rows %d (want 4), high-dose rows %d (want 2)", suppressed, high)
	}
}
