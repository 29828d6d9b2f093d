package note

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// versionTable is the table whose body column holds sealed note sections.
const versionTable = "session_note_versions"

// aadOf binds a sealed body to its version row: a ciphertext moved to
// another note or version no longer opens.
func aadOf(noteID int64, version int) vault.AAD {
	return vault.AAD{Table: versionTable, RecordID: noteID, Field: "body_v" + strconv.Itoa(version)}
}

// seal and open are the one place note bodies are encoded for storage: the
// sections as JSON, sealed under the client's data key, so erasing the
// client shreds every version at once.
func (s *Service) seal(ctx context.Context, q store.Querier, clientID, noteID int64, version int, body Sections) ([]byte, error) {
	plain, err := json.Marshal(body)
	if err != nil {
		return nil, errs.Wrap(err, "encoding the note")
	}
	return s.vault.Seal(ctx, q, clientID, aadOf(noteID, version), plain)
}

func (s *Service) open(ctx context.Context, q store.Querier, clientID, noteID int64, version int, sealed []byte) (Sections, error) {
	var body Sections
	plain, err := s.vault.Open(ctx, q, clientID, aadOf(noteID, version), sealed)
	if err != nil {
		return body, err
	}
	err = json.Unmarshal(plain, &body)
	return body, errs.Wrap(err, "decoding the note")
}
