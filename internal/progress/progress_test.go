package progress_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/progress"
)

func TestMergeNewestFirst(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a := []progress.Event{{At: t0, Title: "a0"}, {At: t0.Add(2 * time.Hour), Title: "a2"}}
	b := []progress.Event{{At: t0.Add(time.Hour), Title: "b1"}, {At: t0.Add(2 * time.Hour), Title: "b2"}}
	got := progress.Merge(a, b, nil)
	want := []string{"a2", "b2", "b1", "a0"}
	if len(got) != len(want) {
		t.Fatalf("got %d events, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].Title != w {
			t.Errorf("event %d = %s, want %s", i, got[i].Title, w)
		}
	}
}

func TestWritePDF(t *testing.T) {
	tests := []struct {
		name   string
		events []progress.Event
	}{
		{"empty timeline", nil},
		{"events with non-Latin-1 text", []progress.Event{{At: time.Now(), Title: "Check-in", Detail: "Mood 4 of 5 · 😊"}, {At: time.Now(), Title: "Your experience"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := progress.WritePDF(&buf, "Elena Marsh", tc.events, time.Now(), time.UTC); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || !bytes.Contains(buf.Bytes(), []byte("%%EOF")) {
				t.Errorf("output is not a complete PDF (%d bytes)", buf.Len())
			}
		})
	}
}
