package journal_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/journal"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// TestIndexAsList: the journal page's entries (Index, whose titles and
// bodies are opened after the rows are read, from one shared buffer) are
// List's, field by field, newest first — an untitled entry, one written
// with a prompt, a shared one with a file — for the client and for the
// coach (shared entries only); the coach's assigned prompt is listed, and
// a client with no entries gets none.
func TestIndexAsList(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		prompt, err := f.svc.AddPrompt(ctx, f.p.Coach, journal.ThemeBody, "What steadied you today?")
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Assign(ctx, f.p.Coach, f.p.Client.UserID, prompt.ID); err != nil {
			t.Fatal(err)
		}
		f.save(t, journal.Input{Key: key(10), Body: "no title, just words"})
		f.save(t, journal.Input{Key: key(11), Title: "With a prompt", Body: "my hands, the kettle", PromptID: prompt.ID})
		shared := f.save(t, journal.Input{Key: key(12), Title: "Shared", Body: "for my coach — après la marche"})
		if err := f.svc.Share(ctx, f.p.Client, f.p.Client.UserID, shared.ID, true); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		_ = png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 64, 32)))
		if _, err := f.svc.Attach(ctx, f.p.Client, f.p.Client.UserID, shared.ID, buf.Bytes()); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name  string
			actor policy.Actor
			want  int
		}{{"the client", f.p.Client, 3}, {"the coach", f.p.Coach, 1}} {
			t.Run(tc.name, func(t *testing.T) {
				idx, err := f.svc.Index(ctx, tc.actor, f.p.Client.UserID)
				if err != nil {
					t.Fatal(err)
				}
				list, err := f.svc.List(ctx, tc.actor, f.p.Client.UserID)
				if err != nil {
					t.Fatal(err)
				}
				if len(idx.Entries) != tc.want || len(list) != tc.want {
					t.Fatalf("%d entries in the index, %d listed; want %d", len(idx.Entries), len(list), tc.want)
				}
				for i, e := range list {
					want := journal.Summary{ID: e.ID, PromptText: e.PromptText, Title: e.Title, Body: e.Body, Shared: e.Shared(),
						Files: len(e.Attachments), CreatedAt: e.CreatedAt}
					if got := idx.Entries[i]; got != want {
						t.Errorf("entry %d:\n got %+v\nwant %+v", i, got, want)
					}
				}
				if len(idx.Assigned) != 1 || idx.Assigned[0].ID != prompt.ID {
					t.Errorf("assigned %+v, want the coach's prompt", idx.Assigned)
				}
			})
		}
		idx, err := f.svc.Index(ctx, f.p.Client2, f.p.Client2.UserID)
		if err != nil || len(idx.Entries) != 0 {
			t.Errorf("a client without entries: %+v, %v", idx, err)
		}
	})
}
