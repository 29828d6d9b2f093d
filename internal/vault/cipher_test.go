package vault

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"
)

func TestSealFieldBindsItsPlace(t *testing.T) {
	dek := bytes.Repeat([]byte{7}, DataKeySize)
	aad := AAD{Table: "journal_entries", RecordID: 5, Field: "body"}
	ct, err := sealField(dek, 3, 42, aad, []byte("a private thought"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(ct), Overhead+len("a private thought"); got != want {
		t.Errorf("ciphertext length: got %d, want %d", got, want)
	}
	if pt, err := openField(dek, 42, aad, ct); err != nil || string(pt) != "a private thought" {
		t.Fatalf("open: got (%q, %v), want the plaintext", pt, err)
	}
	flip := func(i int) []byte { c := bytes.Clone(ct); c[i] ^= 1; return c }
	tests := []struct {
		name     string
		clientID int64
		aad      AAD
		ct       []byte
	}{
		{"other client", 43, aad, ct},
		{"other table", 42, AAD{"session_notes", 5, "body"}, ct},
		{"other record", 42, AAD{"journal_entries", 6, "body"}, ct},
		{"other field", 42, AAD{"journal_entries", 5, "title"}, ct},
		{"flipped version", 42, aad, flip(0)},
		{"flipped key id", 42, aad, flip(8)},
		{"flipped nonce", 42, aad, flip(headerSize)},
		{"flipped body", 42, aad, flip(headerSize + nonceSize)},
		{"flipped tag", 42, aad, flip(len(ct) - 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := parseHeader(tc.ct); err != nil {
				return // refused even earlier: also fine
			}
			if _, err := openField(dek, tc.clientID, tc.aad, tc.ct); !errors.Is(err, ErrUndecryptable) {
				t.Errorf("got %v, want ErrUndecryptable", err)
			}
		})
	}
}

func TestParseHeader(t *testing.T) {
	valid := append([]byte{formatV1, 0, 0, 0, 0, 0, 0, 0, 9}, make([]byte, nonceSize+tagSize)...)
	tests := []struct {
		name   string
		ct     []byte
		wantID int64 // 0 = refused
	}{
		{"minimal valid", valid, 9},
		{"one byte short", valid[:len(valid)-1], 0},
		{"empty", nil, 0},
		{"version 2", append([]byte{2}, valid[1:]...), 0},
		{"key id 0", append([]byte{formatV1, 0, 0, 0, 0, 0, 0, 0, 0}, valid[headerSize:]...), 0},
		{"key id over int64", append([]byte{formatV1, 0x80, 0, 0, 0, 0, 0, 0, 1}, valid[headerSize:]...), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, err := parseHeader(tc.ct)
			if tc.wantID == 0 {
				if !errors.Is(err, ErrUndecryptable) {
					t.Errorf("got (%d, %v), want ErrUndecryptable", h.keyID, err)
				}
				return
			}
			if err != nil || h.keyID != tc.wantID {
				t.Errorf("got (%d, %v), want key id %d", h.keyID, err, tc.wantID)
			}
		})
	}
}

// FuzzOpenField feeds arbitrary bytes to the ciphertext decoder: it must
// never panic, and nothing but a real ciphertext may open.
func FuzzOpenField(f *testing.F) {
	dek := bytes.Repeat([]byte{1}, DataKeySize)
	aad := AAD{Table: "messages", RecordID: 1, Field: "body"}
	// A fixed nonce: the fuzzing workers must all compute the same ciphertext.
	good, _ := sealFieldWithNonce(dek, 1, 1, aad, []byte("hello"), make([]byte, nonceSize))
	f.Add(good)
	f.Add([]byte{})
	f.Add([]byte{formatV1})
	f.Add(bytes.Repeat([]byte{formatV1}, Overhead))
	f.Fuzz(func(t *testing.T, ct []byte) {
		if _, err := parseHeader(ct); err != nil {
			return
		}
		pt, err := openField(dek, 1, aad, ct)
		if err == nil && !bytes.Equal(ct, good) {
			t.Errorf("a forged ciphertext opened to %q", pt)
		}
	})
}

func TestWrapKeyBindsClientAndMaster(t *testing.T) {
	m, other := mustKey(t), mustKey(t)
	dek := bytes.Repeat([]byte{9}, DataKeySize)
	wrapped, err := wrapKey(m, 5, dek)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := unwrapKey(m, 5, wrapped); err != nil || !bytes.Equal(got, dek) {
		t.Fatalf("unwrap: got (%x, %v), want the data key", got, err)
	}
	if _, err := unwrapKey(m, 6, wrapped); err == nil {
		t.Error("unwrapped for another client")
	}
	if _, err := unwrapKey(other, 5, wrapped); err == nil {
		t.Error("unwrapped with another master key")
	}
	if _, err := unwrapKey(m, 5, wrapped[:len(wrapped)-1]); err == nil {
		t.Error("unwrapped a truncated key")
	}
}

func TestKeyCacheIsBounded(t *testing.T) {
	c := newKeyCache(2)
	w := []byte("w")
	c.put(1, 10, w, []byte("k1"))
	c.put(2, 20, w, []byte("k2"))
	if _, ok := c.get(1, 10, w); !ok { // 1 is now the most recent
		t.Fatal("client 1 missing")
	}
	c.put(3, 30, w, []byte("k3"))
	tests := []struct {
		name     string
		clientID int64
		keyID    int64
		wrapped  []byte
		want     bool
	}{
		{"recently used kept", 1, 10, w, true},
		{"least recently used evicted", 2, 20, w, false},
		{"newest kept", 3, 30, w, true},
		{"changed wrapped key is a miss", 3, 30, []byte("rotated"), false},
		{"other key id is a miss", 3, 31, w, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, got := c.get(tc.clientID, tc.keyID, tc.wrapped); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	if got := c.len(); got != 2 {
		t.Errorf("len: got %d, want 2", got)
	}
	c.drop(1)
	if _, ok := c.get(1, 10, w); ok || c.len() != 1 {
		t.Errorf("after drop: got a hit or len %d, want a miss and len 1", c.len())
	}
}

func (c *keyCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// TestIsIdentifierMatchesTheExpression holds the loop to the regular
// expression it replaced.
func TestIsIdentifierMatchesTheExpression(t *testing.T) {
	re := regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)
	cases := []string{"", "a", "_", "0", "9a", "a9", "journal_entries", "Journal", "a-b", "a b", "é", "a\x00", "a\n",
		strings.Repeat("a", 63), strings.Repeat("a", 64), "_" + strings.Repeat("9", 62), "_" + strings.Repeat("9", 63)}
	for c := range 256 {
		cases = append(cases, string(rune(c)), "a"+string([]byte{byte(c)}), string([]byte{byte(c)})+"a")
	}
	for _, s := range cases {
		if got, want := isIdentifier(s), re.MatchString(s); got != want {
			t.Errorf("isIdentifier(%q) = %v, want %v", s, got, want)
		}
	}
}
