package journal_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/journal"
	"github.com/afterward/afterward/internal/store"
)

// TestSaveReturnsTheStoredEntry: the entry Save returns — built from what
// it wrote for a new entry, read back for an existing one — is the entry
// Get then reads, field by field: a new saved entry with a prompt, a new
// untitled one, a new draft, and a draft saved again as an entry.
func TestSaveReturnsTheStoredEntry(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		lib, err := f.svc.Prompts(ctx, f.p.Client, 0)
		if err != nil || len(lib) == 0 {
			t.Fatalf("prompts: %d, %v", len(lib), err)
		}
		for _, tc := range []struct {
			name string
			in   journal.Input
		}{
			{"new, with a prompt", journal.Input{Key: key(20), Title: "Morning", Body: "The light on the water.", PromptID: lib[0].ID}},
			{"new, untitled", journal.Input{Key: key(21), Body: "just a few words"}},
			{"new draft", journal.Input{Key: key(22), Body: "half a thought", Draft: true}},
			{"the draft saved", journal.Input{Key: key(22), Title: "Whole", Body: "half a thought, finished"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got := f.save(t, tc.in)
				want, err := f.svc.Get(ctx, f.p.Client, f.p.Client.UserID, got.ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(want.Attachments) == 0 {
					want.Attachments = nil
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("Save returned\n %+v\nGet reads\n %+v", got, want)
				}
			})
		}
	})
}
