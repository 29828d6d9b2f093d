package vault_test

import (
	"errors"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// TestOpenersFor: a list spanning clients opens every client's fields with
// the keys read at once; an erased client's text reads as empty, and a
// client who never had anything sealed is refused.
func TestOpenersFor(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		v := newVault(t, newKey(t))
		aad := func(id int64) vault.AAD { return vault.AAD{Table: "coach_reports", RecordID: id, Field: "what_sealed"} }
		cts := map[int64][]byte{}
		for _, client := range []int64{11, 12, 13, vault.PracticeSubject(1)} {
			cts[client] = seal(t, db, v, client, aad(client), "text of "+string(rune('a'+client%26)))
		}
		if err := db.InTx(ctx, func(tx *store.Tx) error { return v.Shred(ctx, tx, 13) }); err != nil {
			t.Fatal(err)
		}
		open, err := v.OpenersFor(ctx, db.Reader(), []int64{12, 11, 12, 13, 14, vault.PracticeSubject(1)})
		if err != nil {
			t.Fatal(err)
		}
		for _, client := range []int64{11, 12, vault.PracticeSubject(1)} {
			got, err := open.Text(client, aad(client), "", cts[client])
			if want := "text of " + string(rune('a'+client%26)); err != nil || got != want {
				t.Errorf("client %d: %q, %v; want %q", client, got, err, want)
			}
		}
		if got, err := open.Text(13, aad(13), "", cts[13]); err != nil || got != "" {
			t.Errorf("erased client: %q, %v; want empty", got, err)
		}
		if got, err := open.Text(12, aad(12), "legacy plaintext", nil); err != nil || got != "legacy plaintext" {
			t.Errorf("a row not yet sealed: %q, %v; want its plaintext", got, err)
		}
		if _, err := open.Text(14, aad(14), "", cts[11]); !errors.Is(err, vault.ErrUndecryptable) {
			t.Errorf("a client without a key: %v; want ErrUndecryptable", err)
		}
		if _, err := open.Text(12, aad(11), "", cts[11]); !errors.Is(err, vault.ErrUndecryptable) {
			t.Errorf("another client's ciphertext: %v; want ErrUndecryptable", err)
		}
		// The SQL form of a practice's subject (privacy.SealedTexts) is the Go one.
		var subject int64
		if err := db.Reader().QueryRow(ctx, `SELECT `+vault.PracticeSubjectSQL("7")).Scan(&subject); err != nil || subject != vault.PracticeSubject(7) {
			t.Errorf("PracticeSubjectSQL gives %d (%v); want %d", subject, err, vault.PracticeSubject(7))
		}
		// A client not asked for still opens (its key read on first use).
		if got, err := open.Text(11, aad(11), "", cts[11]); err != nil || got == "" {
			t.Errorf("client asked for again: %q, %v", got, err)
		}
	})
}

// TestDigest: a digest is stable for one client and value, differs by
// client, value and purpose, and is not the plain SHA-256 anyone could
// compute from the database alone.
func TestDigest(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		v := newVault(t, newKey(t))
		digest := func(client int64, purpose, value string) string {
			t.Helper()
			var d string
			if err := db.InTx(ctx, func(tx *store.Tx) error {
				var err error
				d, err = v.Digest(ctx, tx, client, purpose, []byte(value))
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return d
		}
		a := digest(21, "safety_alerts_reason", "phq9_item9")
		if len(a) != vault.DigestSize {
			t.Fatalf("digest %q has %d characters; want %d", a, len(a), vault.DigestSize)
		}
		if b := digest(21, "safety_alerts_reason", "phq9_item9"); b != a {
			t.Error("the same client and value gave two digests")
		}
		for name, other := range map[string]string{
			"another client":  digest(22, "safety_alerts_reason", "phq9_item9"),
			"another value":   digest(21, "safety_alerts_reason", "cssrs_high"),
			"another purpose": digest(21, "other_field", "phq9_item9"),
		} {
			if other == a {
				t.Errorf("%s gave the same digest", name)
			}
		}
		if err := db.InTx(ctx, func(tx *store.Tx) error {
			_, err := v.Digest(ctx, tx, 21, "Not An Identifier", nil)
			if err == nil {
				t.Error("a purpose that is not an identifier was accepted")
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	})
}
