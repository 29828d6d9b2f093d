package vault_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// TestOpenStringAsOpen: OpenString, which reuses the Opener's buffers
// field after field, answers every field as Open does — texts of growing
// and shrinking length, an empty one, and the refusals (another record's
// additional data, a tampered ciphertext, a bad header).
func TestOpenStringAsOpen(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		v := newVault(t, newKey(t))
		const client = 31
		aad := func(id int64) vault.AAD { return vault.AAD{Table: "journal_entries", RecordID: id, Field: "body"} }
		texts := []string{"short", strings.Repeat("a longer text ", 40), "", "mid-length text, après", "x"}
		cts := make([][]byte, len(texts))
		for i, s := range texts {
			cts[i] = seal(t, db, v, client, aad(int64(i+1)), s)
		}
		tampered := append([]byte(nil), cts[0]...)
		tampered[len(tampered)-1] ^= 1
		err := db.InReadTx(ctx, func(tx *store.Tx) error {
			o, plain := v.OpenerFor(ctx, tx, client), v.OpenerFor(ctx, tx, client)
			for i, ct := range cts {
				got, err := o.OpenString(aad(int64(i+1)), ct)
				want, werr := plain.Open(aad(int64(i+1)), ct)
				if err != nil || werr != nil || got != string(want) || got != texts[i] {
					t.Errorf("field %d: OpenString %q, %v; Open %q, %v; sealed %q", i, got, err, want, werr, texts[i])
				}
			}
			for name, c := range map[string]struct {
				id int64
				ct []byte
			}{"another record's": {2, cts[0]}, "tampered": {1, tampered}, "bad header": {1, []byte("not a ciphertext at all, but long enough")}} {
				if got, err := o.OpenString(aad(c.id), c.ct); !errors.Is(err, vault.ErrUndecryptable) || got != "" {
					t.Errorf("%s: %q, %v; want ErrUndecryptable", name, got, err)
				}
			}
			// After a refusal the buffers still serve the next field.
			if got, err := o.OpenString(aad(4), cts[3]); err != nil || got != texts[3] {
				t.Errorf("after refusals: %q, %v", got, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
