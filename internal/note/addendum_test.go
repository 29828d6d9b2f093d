package note_test

import (
	"context"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/note"
	"github.com/afterward/afterward/internal/store"
)

// TestClientRecordAndAddendum: a client reads their signed notes without
// the coach's private section, adds an addendum that is sealed, audited,
// shown to the coach beside the note and never changes the note; nobody
// else adds one, and bad input names the field.
func TestClientRecordAndAddendum(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := context.Background()
		body := note.Sections{Processing: "Spoke about the grief that came up", Private: "Check in about sleep next time"}
		if _, err := w.svc.SignOff(ctx, w.coach, w.held, body); err != nil {
			t.Fatal(err)
		}
		recs, err := w.svc.ClientRecords(ctx, w.client)
		if err != nil || len(recs) != 1 {
			t.Fatalf("records = %d, %v; want the one signed note", len(recs), err)
		}
		if got := recs[0].Sections; got.Processing != body.Processing || got.Private != "" {
			t.Errorf("the client reads %+v; want the shared sections only", got)
		}
		const words = "It was my mother's grief, not mine, that came up."
		for _, tc := range []struct {
			name     string
			as       func() (note.Addendum, error)
			wantKind string
			field    string
		}{
			{"empty names the field", func() (note.Addendum, error) { return w.svc.AddAddendum(ctx, w.client, w.held, "  ") }, "invalid", "addendum"},
			{"too long names the field", func() (note.Addendum, error) {
				return w.svc.AddAddendum(ctx, w.client, w.held, strings.Repeat("a", note.MaxAddendum+1))
			}, "invalid", "addendum"},
			{"the coach cannot", func() (note.Addendum, error) { return w.svc.AddAddendum(ctx, w.coach, w.held, words) }, "forbidden", ""},
			{"an unsigned note has none", func() (note.Addendum, error) { return w.svc.AddAddendum(ctx, w.client, w.future, words) }, "not_found", ""},
			{"the client adds one", func() (note.Addendum, error) { return w.svc.AddAddendum(ctx, w.client, w.held, words) }, "ok", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := tc.as()
				if got := kind(err); got != tc.wantKind {
					t.Fatalf("err = %v (%s), want %s", err, got, tc.wantKind)
				}
				if tc.field != "" && !strings.Contains(err.Error(), tc.field) {
					t.Errorf("err = %v, want it to name %q", err, tc.field)
				}
			})
		}
		var sealed []byte
		if err := db.Reader().QueryRow(ctx, `SELECT body FROM note_addenda`).Scan(&sealed); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(sealed), "grief") {
			t.Errorf("the addendum is stored in the clear")
		}
		n, err := w.svc.Get(ctx, w.coach, w.held)
		if err != nil {
			t.Fatal(err)
		}
		if len(n.Addenda) != 1 || n.Addenda[0].Text != words || !n.Addenda[0].ByClient || n.Addenda[0].Author != "client" {
			t.Errorf("the coach sees addenda %+v, want the client's beside the note", n.Addenda)
		}
		if n.Current.Processing != body.Processing || len(n.Versions) != 1 {
			t.Errorf("the note changed: %d versions, %+v", len(n.Versions), n.Current)
		}
		var events int
		if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE resource_type = 'note_addendum' AND action = ? AND outcome = ?`,
			audit.ActionWrite, audit.OutcomeOK).Scan(&events); err != nil || events != 1 {
			t.Errorf("audit events for the addendum = %d (%v), want 1", events, err)
		}
		recs, err = w.svc.ClientRecords(ctx, w.client)
		if err != nil || len(recs) != 1 || len(recs[0].Addenda) != 1 {
			t.Errorf("the client's record after the addendum = %+v, %v", recs, err)
		}
	})
}
