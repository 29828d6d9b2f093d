package alert_test

import (
	"context"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

// TestReasonIsSealed: an alert's reason code and kinds are not in the
// database as text (issue 15 finding 4) — the one-open-alert rule still
// holds through the reason's keyed digest, in the service and in the
// database's own unique index — and the coach's queue shows both.
func TestReasonIsSealed(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := setup(t, db)
		ctx := context.Background()
		src := alert.Source{Kind: "questionnaire", ID: 7}
		id := w.raise(src, safety.Concern, alert.ReasonPHQ9Item9, safety.KindSuicide)
		if again := w.raise(src, safety.Concern, alert.ReasonPHQ9Item9, safety.KindSuicide); again != id {
			t.Errorf("raising the same reason on the same source again made alert %d; want the open one, %d", again, id)
		}
		if other := w.raise(src, safety.Urgent, alert.ReasonCSSRSHigh); other == id {
			t.Error("another reason on the same source did not raise its own alert")
		}

		var reason, kinds, digest string
		var sealed []byte
		if err := db.Reader().QueryRow(ctx, `SELECT reason, kinds, reason_digest, reason_sealed FROM safety_alerts WHERE id = ?`, id).
			Scan(&reason, &kinds, &digest, &sealed); err != nil {
			t.Fatal(err)
		}
		if reason != "" || kinds != "" {
			t.Errorf("stored reason %q and kinds %q; want both sealed", reason, kinds)
		}
		if len(digest) != 64 || strings.Contains(digest, "phq9") || sealed == nil || strings.Contains(string(sealed), "phq9") {
			t.Errorf("stored digest %q and sealed reason %q; want a 64-hex digest and a ciphertext", digest, sealed)
		}
		// The database refuses a second open alert with the same digest.
		_, err := db.Write.ExecContext(ctx, db.Rebind(`INSERT INTO safety_alerts (practice_id, client_id, level, reason, reason_digest, source_kind, source_id, created_at)
			SELECT practice_id, client_id, level, '', reason_digest, source_kind, source_id, created_at FROM safety_alerts WHERE id = ?`), id)
		if err == nil {
			t.Error("a second open alert with the same reason digest was stored; want the unique index to refuse it")
		}

		for _, a := range w.queue(w.Coach) {
			if a.ID == id && (a.Reason != alert.ReasonPHQ9Item9 || len(a.Kinds) != 1 || a.Kinds[0] != safety.KindSuicide) {
				t.Errorf("the coach's queue shows reason %q kinds %v; want %s [suicide]", a.Reason, a.Kinds, alert.ReasonPHQ9Item9)
			}
		}
		for _, a := range w.queue(w.Admin) {
			if a.ID == id && a.Reason != "" {
				t.Errorf("the admin's queue shows the reason %q without break-glass", a.Reason)
			}
		}
	})
}
