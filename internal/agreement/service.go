package agreement

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// Fees states a practice's fees and cancellation terms as clients read
// them (billing's one setting with the schedule's cancellation notice);
// the app passes it in.
type Fees func(ctx context.Context, practiceID int64) (string, error)

// Service is the agreement use cases.
type Service struct {
	db     *store.DB
	policy *policy.Policy
	vault  *vault.Vault
	fees   Fees
	now    func() time.Time
	tx     *store.Tx // set by Within
}

// Deps are the service's collaborators, all given at construction.
type Deps struct {
	DB     *store.DB
	Policy *policy.Policy
	Vault  *vault.Vault
	Fees   Fees // the fee sentence every agreement states
	Now    func() time.Time
}

// NewService returns the agreement service: the policy authorizes and
// audits every access to a client's signatures, the vault seals them.
func NewService(d Deps) *Service {
	return &Service{db: d.DB, policy: d.Policy, vault: d.Vault, fees: d.Fees, now: d.Now}
}

// FeeTerms is the practice's fees and cancellation terms in the words the
// agreement uses; every page that books or changes a session states the
// same sentence, from here.
func (s *Service) FeeTerms(ctx context.Context, practiceID int64) (string, error) {
	return s.fees(ctx, practiceID)
}

// Within returns a copy that runs inside tx (for seeding).
func (s *Service) Within(tx *store.Tx) *Service {
	c := *s
	c.tx = tx
	return &c
}

func (s *Service) reader() store.Querier { return store.Scope{DB: s.db, Tx: s.tx}.Reader() }

func (s *Service) do(ctx context.Context, a policy.Actor, acc policy.Access, fn func(tx *store.Tx) error) error {
	acc.Category = policy.Agreements
	if s.tx != nil {
		return s.policy.DoIn(ctx, s.tx, a, acc, fn)
	}
	return s.policy.Do(ctx, a, acc, fn)
}

// Current is the practice's current agreement as its clients read it now.
// The agreement is the practice's public terms, so reading it needs no
// actor.
func (s *Service) Current(ctx context.Context, practiceID int64) (Document, error) {
	return s.current(ctx, s.reader(), practiceID)
}

func (s *Service) current(ctx context.Context, q store.Querier, practiceID int64) (Document, error) {
	d := Document{Version: 1, Body: DefaultText}
	err := q.QueryRow(ctx, `SELECT id, version, body, created_at FROM agreement_versions WHERE practice_id = ? ORDER BY version DESC LIMIT 1`,
		practiceID).Scan(&d.VersionID, &d.Version, &d.Body, &d.CreatedAt)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return d, errs.Wrap(err, "loading the agreement")
	}
	name, err := practiceName(ctx, q, practiceID)
	if err != nil {
		return d, err
	}
	fees, err := s.fees(ctx, practiceID)
	if err != nil {
		return d, err
	}
	d.Text, d.Hash = render(d.Body, name, fees)
	return d, nil
}

func practiceName(ctx context.Context, q store.Querier, practiceID int64) (string, error) {
	var name string
	err := q.QueryRow(ctx, `SELECT name FROM practices WHERE id = ?`, practiceID).Scan(&name)
	return name, store.NotFound(err, "practice")
}

// Edit saves the admin's text as the practice's next version. Clients must
// sign the new version before their next booking.
func (s *Service) Edit(ctx context.Context, a policy.Actor, body string) (Document, error) {
	if a.Role != account.Admin {
		return Document{}, errs.E(errs.Forbidden, "only a practice admin edits the coaching agreement")
	}
	if err := ValidateBody(body); err != nil {
		return Document{}, err
	}
	body = strings.TrimSpace(body)
	var d Document
	err := store.Scope{DB: s.db, Tx: s.tx}.InTx(ctx, func(tx *store.Tx) error {
		cur, err := s.current(ctx, tx, a.PracticeID)
		if err != nil {
			return err
		}
		next := cur.Version
		if cur.VersionID != 0 {
			next++
		}
		id, err := insertVersion(ctx, tx, a.PracticeID, next, body, a.UserID, s.now())
		if err != nil {
			return err
		}
		ev := audit.Stamp(ctx, audit.Event{At: s.now(), ActorID: a.UserID, ActorRole: string(a.Role), Action: audit.ActionWrite,
			ResourceType: "agreement_version", ResourceID: strconv.FormatInt(id, 10), Outcome: audit.OutcomeOK, Detail: "version=" + strconv.Itoa(next)})
		if err := audit.Append(ctx, tx, ev); err != nil {
			return errs.Wrap(err, "writing audit event")
		}
		d, err = s.current(ctx, tx, a.PracticeID)
		return err
	})
	return d, err
}

func insertVersion(ctx context.Context, tx *store.Tx, practiceID int64, version int, body string, by int64, at time.Time) (int64, error) {
	var editor any
	if by != 0 {
		editor = by
	}
	id, err := store.InsertID(ctx, tx, `INSERT INTO agreement_versions (practice_id, version, body, edited_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		practiceID, version, body, editor, at)
	return id, errs.Wrap(err, "saving the agreement")
}

// Sign records the client's signature of the version they were shown:
// version is its number and hash the SHA-256 of the text on their screen.
// It is refused when the agreement or the fees changed since (the client
// reads the new text), or when the typed name is not their full name.
func (s *Service) Sign(ctx context.Context, a policy.Actor, version int, name, hash string) (Signature, error) {
	if a.Role != account.Client {
		return Signature{}, errs.E(errs.Forbidden, "only the client signs their coaching agreement")
	}
	var sig Signature
	err := s.do(ctx, a, policy.Access{ClientID: a.UserID, Action: policy.Write, ResourceType: "agreement_signature"}, func(tx *store.Tx) error {
		cur, err := s.current(ctx, tx, a.PracticeID)
		if err != nil {
			return err
		}
		var full string
		if err := tx.QueryRow(ctx, `SELECT name FROM users WHERE id = ?`, a.UserID).Scan(&full); err != nil {
			return store.NotFound(err, "account")
		}
		if !nameMatches(name, full) {
			return errs.Validation{"name": "type your full name exactly as on your account (" + full + ")"}.Err()
		}
		if version != cur.Version || hash != cur.Hash {
			return errs.E(errs.Conflict, "the agreement changed while you were reading it; read the current version below and sign again")
		}
		if cur.VersionID == 0 { // the shipped default becomes version 1 when first signed
			if cur.VersionID, err = insertVersion(ctx, tx, a.PracticeID, 1, cur.Body, 0, s.now()); err != nil {
				return err
			}
		}
		sig, err = s.insertSignature(ctx, tx, a.UserID, cur, strings.TrimSpace(name))
		return err
	})
	return sig, err
}

// sealedParts are what a signature keeps under the client's key.
type sealedParts struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

func aadOf(id int64) vault.AAD {
	return vault.AAD{Table: "agreement_signatures", RecordID: id, Field: "sealed"}
}

func (s *Service) insertSignature(ctx context.Context, tx *store.Tx, clientID int64, d Document, name string) (Signature, error) {
	now := s.now()
	id, err := store.InsertID(ctx, tx, `INSERT INTO agreement_signatures (client_id, version_id, signed_at, text_sha256, sealed) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		clientID, d.VersionID, now, d.Hash, []byte{})
	if err != nil {
		return Signature{}, errs.Wrap(err, "saving the signature")
	}
	plain, err := json.Marshal(sealedParts{Name: name, Text: d.Text})
	if err != nil {
		return Signature{}, errs.Wrap(err, "encoding the signature")
	}
	sealed, err := s.vault.Seal(ctx, tx, clientID, aadOf(id), plain)
	if err != nil {
		return Signature{}, err
	}
	if _, err := tx.Exec(ctx, `UPDATE agreement_signatures SET sealed = ? WHERE id = ?`, sealed, id); err != nil {
		return Signature{}, errs.Wrap(err, "sealing the signature")
	}
	return Signature{ID: id, ClientID: clientID, VersionID: d.VersionID, Version: d.Version, SignedAt: now, Hash: d.Hash, Current: true}, nil
}

// Status is the practice's current agreement and the client's signatures,
// for the client themselves and their practice (an audited read).
func (s *Service) Status(ctx context.Context, a policy.Actor, clientID int64) (Status, error) {
	var st Status
	err := s.do(ctx, a, policy.Access{ClientID: clientID, Action: policy.Read, ResourceType: "agreement_signature"}, func(tx *store.Tx) error {
		practiceID, err := practice.OfClient(ctx, tx, clientID)
		if err != nil {
			return err
		}
		if st.Current, err = s.current(ctx, tx, practiceID); err != nil {
			return err
		}
		sigs, err := signaturesOf(ctx, tx, clientID, st.Current.VersionID)
		for i := range sigs {
			if sigs[i].Current && st.Signed == nil {
				st.Signed = &sigs[i]
			} else {
				st.Earlier = append(st.Earlier, sigs[i])
			}
		}
		return err
	})
	return st, err
}

func signaturesOf(ctx context.Context, q store.Querier, clientID, currentVersionID int64) ([]Signature, error) {
	rows, err := q.Query(ctx, `SELECT s.id, s.version_id, v.version, s.signed_at, s.text_sha256 FROM agreement_signatures s
		JOIN agreement_versions v ON v.id = s.version_id WHERE s.client_id = ? ORDER BY s.signed_at DESC, s.id DESC`, clientID)
	if err != nil {
		return nil, errs.Wrap(err, "listing signatures")
	}
	defer rows.Close()
	var out []Signature
	for rows.Next() {
		g := Signature{ClientID: clientID}
		if err := rows.Scan(&g.ID, &g.VersionID, &g.Version, &g.SignedAt, &g.Hash); err != nil {
			return nil, errs.Wrap(err, "reading signatures")
		}
		g.Current = currentVersionID != 0 && g.VersionID == currentVersionID
		out = append(out, g)
	}
	return out, errs.Wrap(rows.Err(), "reading signatures")
}

// Signed opens one signature with the exact text signed, for its client
// and their practice (an audited read): the page and the PDF show it.
func (s *Service) Signed(ctx context.Context, a policy.Actor, signatureID int64) (Signed, error) {
	var out Signed
	var clientID int64
	err := s.reader().QueryRow(ctx, `SELECT client_id FROM agreement_signatures WHERE id = ?`, signatureID).Scan(&clientID)
	if err != nil {
		return out, store.NotFound(err, "signature")
	}
	err = s.do(ctx, a, policy.Access{ClientID: clientID, Action: policy.Read, ResourceType: "agreement_signature", ResourceID: signatureID}, func(tx *store.Tx) error {
		var sealed []byte
		g := &out.Signature
		err := tx.QueryRow(ctx, `SELECT s.id, s.client_id, s.version_id, v.version, s.signed_at, s.text_sha256, s.sealed, p.name
			FROM agreement_signatures s JOIN agreement_versions v ON v.id = s.version_id JOIN practices p ON p.id = v.practice_id
			WHERE s.id = ?`, signatureID).Scan(&g.ID, &g.ClientID, &g.VersionID, &g.Version, &g.SignedAt, &g.Hash, &sealed, &out.Practice)
		if err != nil {
			return store.NotFound(err, "signature")
		}
		plain, err := s.vault.Open(ctx, tx, clientID, aadOf(signatureID), sealed)
		if err != nil {
			return err
		}
		var parts sealedParts
		if err := json.Unmarshal(plain, &parts); err != nil {
			return errs.Wrap(err, "decoding the signature")
		}
		out.Name, out.Text = parts.Name, parts.Text
		return nil
	})
	return out, err
}
