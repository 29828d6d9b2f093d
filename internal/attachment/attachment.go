// Package attachment keeps the files clients attach to journal entries and
// messages: drawings, photos and short audio or video notes. A file is
// identified by its content, never its name; images are decoded and
// re-encoded with the standard library (which drops EXIF, GPS and every
// other metadata block) and get a thumbnail. The bytes are sealed by the
// vault under the client's data key, bound to the attachment row, and only
// the ciphertext goes to the blob store.
//
// This package does not authorise: the journal and message services decide
// who may attach or read, and call Files inside their authorised
// transaction.
package attachment

import (
	"bytes"
	"context"
	"io"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/blob"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/ratelimit"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// Owner kinds.
const (
	OwnerJournal = "journal_entry"
	OwnerMessage = "message"
)

// Attachment is one stored file's record.
type Attachment struct {
	ID          int64
	ClientID    int64
	OwnerKind   string
	OwnerID     int64
	Kind        MediaKind
	ContentType string
	Size        int64
	HasThumb    bool
	CreatedAt   time.Time
	blobKey     string
	thumbKey    string
}

// Files stores and opens attachments.
// Uploads bounds how many files one client stores an hour.
var Uploads = ratelimit.Limit{Name: "upload", Max: 30, Per: time.Hour, Message: "you have added many files in the last hour"}

type Files struct {
	vault *vault.Vault
	blobs blob.Store
	now   func() time.Time
}

// NewFiles wires the vault and the blob store.
func NewFiles(v *vault.Vault, b blob.Store, now func() time.Time) *Files {
	return &Files{vault: v, blobs: b, now: now}
}

// Store checks data (see Check), records it and writes it sealed to the
// blob store, in tx. If tx later rolls back, the sealed blob is left
// unreferenced; it cannot be read without the row it is bound to.
func (f *Files) Store(ctx context.Context, tx *store.Tx, clientID int64, ownerKind string, ownerID int64, data []byte) (Attachment, error) {
	// Counted before the file is decoded: decoding is the expensive part.
	if err := ratelimit.Take(ctx, tx, Uploads, strconv.FormatInt(clientID, 10), f.now()); err != nil {
		return Attachment{}, err
	}
	m, err := Check(data)
	if err != nil {
		return Attachment{}, err
	}
	a := Attachment{ClientID: clientID, OwnerKind: ownerKind, OwnerID: ownerID, Kind: m.Kind, ContentType: m.ContentType,
		Size: int64(len(m.Data)), HasThumb: len(m.Thumb) > 0, CreatedAt: f.now().UTC().Truncate(time.Microsecond),
		blobKey: blob.NewKey("att")}
	if a.HasThumb {
		a.thumbKey = blob.NewKey("thumb")
	}
	a.ID, err = store.InsertID(ctx, tx, `INSERT INTO attachments (client_id, owner_kind, owner_id, media_kind, content_type, size_bytes, blob_key, thumb_key, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		clientID, ownerKind, ownerID, string(a.Kind), a.ContentType, a.Size, a.blobKey, a.thumbKey, a.CreatedAt)
	if err != nil {
		return Attachment{}, errs.Wrap(err, "recording attachment")
	}
	if err := f.put(ctx, tx, a, "blob", a.blobKey, m.Data); err != nil {
		return Attachment{}, err
	}
	if a.HasThumb {
		if err := f.put(ctx, tx, a, "thumb", a.thumbKey, m.Thumb); err != nil {
			return Attachment{}, err
		}
	}
	return a, nil
}

func (f *Files) put(ctx context.Context, tx *store.Tx, a Attachment, field, key string, data []byte) error {
	sealed, err := f.vault.Seal(ctx, tx, a.ClientID, vault.AAD{Table: "attachments", RecordID: a.ID, Field: field}, data)
	if err != nil {
		return err
	}
	return f.blobs.Put(ctx, key, sealed)
}

// Open returns the file (or its thumbnail) in the clear.
func (f *Files) Open(ctx context.Context, q store.Querier, a Attachment, thumb bool) ([]byte, error) {
	field, key := "blob", a.blobKey
	if thumb {
		if !a.HasThumb {
			return nil, errs.NotFoundf("no thumbnail")
		}
		field, key = "thumb", a.thumbKey
	}
	r, err := f.blobs.Get(ctx, key)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, r); err != nil {
		return nil, errs.Wrap(err, "reading attachment")
	}
	return f.vault.Open(ctx, q, a.ClientID, vault.AAD{Table: "attachments", RecordID: a.ID, Field: field}, buf.Bytes())
}

const columns = `id, client_id, owner_kind, owner_id, media_kind, content_type, size_bytes, blob_key, thumb_key, created_at`

func scan(row interface{ Scan(...any) error }) (Attachment, error) {
	var a Attachment
	var kind string
	err := row.Scan(&a.ID, &a.ClientID, &a.OwnerKind, &a.OwnerID, &kind, &a.ContentType, &a.Size, &a.blobKey, &a.thumbKey, &a.CreatedAt)
	a.Kind, a.HasThumb, a.CreatedAt = MediaKind(kind), a.thumbKey != "", a.CreatedAt.UTC()
	return a, err
}

// Get reads one attachment record of a client.
func Get(ctx context.Context, q store.Querier, clientID, id int64) (Attachment, error) {
	a, err := scan(q.QueryRow(ctx, `SELECT `+columns+` FROM attachments WHERE client_id = ? AND id = ?`, clientID, id))
	return a, store.NotFound(err, "attachment")
}

// ListFor returns the attachments of one owner, oldest first.
// ListByOwner returns all of a client's attachments of one owner kind,
// by owner id: one query for a page of entries instead of one per entry.
func ListByOwner(ctx context.Context, q store.Querier, clientID int64, ownerKind string) (map[int64][]Attachment, error) {
	rows, err := q.Query(ctx, `SELECT `+columns+` FROM attachments WHERE client_id = ? AND owner_kind = ? ORDER BY id`,
		clientID, ownerKind)
	if err != nil {
		return nil, errs.Wrap(err, "listing attachments")
	}
	defer rows.Close()
	out := map[int64][]Attachment{}
	for rows.Next() {
		a, err := scan(rows)
		if err != nil {
			return nil, errs.Wrap(err, "reading attachment")
		}
		out[a.OwnerID] = append(out[a.OwnerID], a)
	}
	return out, errs.Wrap(rows.Err(), "listing attachments")
}

func ListFor(ctx context.Context, q store.Querier, clientID int64, ownerKind string, ownerID int64) ([]Attachment, error) {
	rows, err := q.Query(ctx, `SELECT `+columns+` FROM attachments WHERE client_id = ? AND owner_kind = ? AND owner_id = ? ORDER BY id`,
		clientID, ownerKind, ownerID)
	if err != nil {
		return nil, errs.Wrap(err, "listing attachments")
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		a, err := scan(rows)
		if err != nil {
			return nil, errs.Wrap(err, "reading attachment")
		}
		out = append(out, a)
	}
	return out, errs.Wrap(rows.Err(), "listing attachments")
}
