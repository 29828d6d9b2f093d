package regulated

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/addendum"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// Service is the regulated records' use cases: every access to a client's
// records is authorized and audited by the policy (category Regulated, a
// clinical category: admins read it only under break-glass), and the
// free text is sealed under the client's data key.
type Service struct {
	db     *store.DB
	policy *policy.Policy
	vault  *vault.Vault
	raise  Raiser
	now    func() time.Time
}

// Raiser raises the safety alert for a signed form that says yes to
// current thoughts of harm, in tx; the app passes the alert service in
// (nil raises nothing).
type Raiser func(ctx context.Context, tx *store.Tx, clientID, formID int64) error

// Deps are the service's collaborators, all given at construction.
type Deps struct {
	DB     *store.DB
	Policy *policy.Policy
	Vault  *vault.Vault
	Raise  Raiser // nil: a form saying yes to thoughts of harm raises no alert
	Now    func() time.Time
}

// NewService returns the regulated records service.
func NewService(d Deps) *Service {
	return &Service{db: d.DB, policy: d.Policy, vault: d.Vault, raise: d.Raise, now: d.Now}
}

func (s *Service) do(ctx context.Context, a policy.Actor, acc policy.Access, fn func(tx *store.Tx) error) error {
	acc.Category = policy.Regulated
	return s.policy.Do(ctx, a, acc, fn)
}

// Signature is one signed form, without its sealed parts.
type Signature struct {
	ID       int64
	ClientID int64
	FormKey  string
	Title    string
	Version  int
	SignedAt time.Time
	Hash     string // SHA-256 of the exact document signed
	OptOut   bool
	Addenda  []addendum.Addendum // the client's, beside the form; oldest first
}

// Signed is a signature with its sealed parts opened.
type Signed struct {
	Signature
	Name     string
	Answers  map[string]string
	Text     string
	Practice string
}

// FormStatus is one of a programme's forms with the client's latest
// signature of it, if any.
type FormStatus struct {
	Form
	Signed *Signature
}

// Forms lists the forms the client's practice's programme asks for, with
// the client's latest signature of each: for the client and their
// facilitator (an audited read). A practice under no programme has none.
func (s *Service) Forms(ctx context.Context, a policy.Actor, clientID int64) (practice.Programme, []FormStatus, error) {
	var prog practice.Programme
	var out []FormStatus
	err := s.do(ctx, a, policy.Access{ClientID: clientID, Action: policy.Read, ResourceType: "regulated_form"}, func(tx *store.Tx) error {
		var practiceID int64
		var err error
		if practiceID, err = practice.OfClient(ctx, tx, clientID); err != nil {
			return err
		}
		if prog, err = practice.ProgrammeOf(ctx, tx, practiceID); err != nil {
			return err
		}
		sigs, err := signaturesOf(ctx, tx, clientID)
		if err != nil {
			return err
		}
		for _, f := range FormsFor(prog) {
			st := FormStatus{Form: f}
			for i := range sigs {
				if sigs[i].FormKey == f.Key {
					st.Signed = &sigs[i]
					break
				}
			}
			if st.Signed != nil {
				if st.Signed.Addenda, err = formAddenda.List(ctx, tx, s.vault, clientID, st.Signed.ID); err != nil {
					return err
				}
			}
			out = append(out, st)
		}
		return nil
	})
	return prog, out, err
}

// Form returns one of the programme's forms as the client is about to
// fill it (the practice's programme decides which exist).
func (s *Service) Form(ctx context.Context, a policy.Actor, key string) (Form, error) {
	prog, err := practice.ProgrammeOf(ctx, s.db.Reader(), a.PracticeID)
	if err != nil {
		return Form{}, err
	}
	return Lookup(prog, key)
}

// Filled is what the client sends: the form and version they were shown,
// their answers and their typed name.
type Filled struct {
	Key     string
	Version int
	Hash    string // the form definition's hash shown
	Answers map[string]string
	Name    string
}

// Sign records the client's signed form: the answers are validated
// against the form (messages name each field), the typed name must be the
// account's full name, and the version shown must still be current.
func (s *Service) Sign(ctx context.Context, a policy.Actor, in Filled) (Signature, error) {
	if a.Role != account.Client {
		return Signature{}, errs.E(errs.Forbidden, "only the client signs their own forms")
	}
	var sig Signature
	err := s.do(ctx, a, policy.Access{ClientID: a.UserID, Action: policy.Write, ResourceType: "regulated_form"}, func(tx *store.Tx) error {
		prog, err := practice.ProgrammeOf(ctx, tx, a.PracticeID)
		if err != nil {
			return err
		}
		f, err := Lookup(prog, in.Key)
		if err != nil {
			return err
		}
		if in.Version != f.Version || in.Hash != f.Hash() {
			return errs.E(errs.Conflict, "this form changed while you were filling it; check your answers against the current version below and sign again")
		}
		answers, verr := f.Validate(in.Answers)
		var full, practiceName string
		if err := tx.QueryRow(ctx, `SELECT u.name, p.name FROM users u JOIN practices p ON p.id = u.practice_id WHERE u.id = ?`, a.UserID).Scan(&full, &practiceName); err != nil {
			return store.NotFound(err, "account")
		}
		if !nameMatches(in.Name, full) {
			v := errs.Validation{}
			var e *errs.Error
			if verr != nil && errors.As(verr, &e) {
				for k, m := range e.Fields {
					v.Add(k, m)
				}
			}
			v.Add("name", "type your full name exactly as on your account ("+full+")")
			return v.Err()
		}
		if verr != nil {
			return verr
		}
		text := f.Document(practiceName, answers)
		sig = Signature{ClientID: a.UserID, FormKey: f.Key, Title: f.Title, Version: f.Version, SignedAt: s.now().UTC(), Hash: HashOf(text),
			OptOut: f.OptOut != "" && answers[f.OptOut] == "yes"}
		sig.ID, err = store.InsertID(ctx, tx, `INSERT INTO regulated_forms (client_id, practice_id, programme, form_key, version, signed_at, text_sha256, opt_out, sealed)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, a.UserID, a.PracticeID, string(prog), f.Key, f.Version, sig.SignedAt, sig.Hash, sig.OptOut, []byte{})
		if err != nil {
			return errs.Wrap(err, "saving the form")
		}
		plain, err := json.Marshal(sealedForm{Name: strings.TrimSpace(in.Name), Answers: answers, Text: text})
		if err != nil {
			return errs.Wrap(err, "encoding the form")
		}
		sealed, err := s.vault.Seal(ctx, tx, a.UserID, formAAD(sig.ID), plain)
		if err != nil {
			return err
		}
		if _, err = tx.Exec(ctx, `UPDATE regulated_forms SET sealed = ? WHERE id = ?`, sealed, sig.ID); err != nil {
			return errs.Wrap(err, "sealing the form")
		}
		if s.raise != nil && f.RaisesAlert(answers) {
			return s.raise(ctx, tx, a.UserID, sig.ID)
		}
		return nil
	})
	return sig, err
}

// OpenForAlert opens the signed form that raised a safety alert, inside
// the transaction in which the alert service authorized and audited the
// read of the alert's source.
func (s *Service) OpenForAlert(ctx context.Context, tx *store.Tx, clientID, id int64) (Signed, error) {
	out, err := s.openSigned(ctx, tx, id)
	if err == nil && out.ClientID != clientID {
		return Signed{}, errs.NotFoundf("form not found")
	}
	return out, err
}

type sealedForm struct {
	Name    string            `json:"name"`
	Answers map[string]string `json:"answers"`
	Text    string            `json:"text"`
}

func formAAD(id int64) vault.AAD {
	return vault.AAD{Table: "regulated_forms", RecordID: id, Field: "sealed"}
}

// Signed opens one signed form for its client and their facilitator (an
// audited read): the page and the PDF show it.
func (s *Service) Signed(ctx context.Context, a policy.Actor, id int64) (Signed, error) {
	var out Signed
	var clientID int64
	if err := s.db.Reader().QueryRow(ctx, `SELECT client_id FROM regulated_forms WHERE id = ?`, id).Scan(&clientID); err != nil {
		return out, store.NotFound(err, "form")
	}
	err := s.do(ctx, a, policy.Access{ClientID: clientID, Action: policy.Read, ResourceType: "regulated_form", ResourceID: id}, func(tx *store.Tx) error {
		var err error
		out, err = s.openSigned(ctx, tx, id)
		return err
	})
	return out, err
}

// openSigned reads and opens one signed form with its addenda, in the
// transaction that authorized and audited the read.
func (s *Service) openSigned(ctx context.Context, tx *store.Tx, id int64) (Signed, error) {
	var out Signed
	var sealed []byte
	var prog string
	g := &out.Signature
	err := tx.QueryRow(ctx, `SELECT f.id, f.client_id, f.form_key, f.version, f.signed_at, f.text_sha256, f.opt_out, f.sealed, f.programme, p.name
		FROM regulated_forms f JOIN practices p ON p.id = f.practice_id WHERE f.id = ?`, id).
		Scan(&g.ID, &g.ClientID, &g.FormKey, &g.Version, &g.SignedAt, &g.Hash, &g.OptOut, &sealed, &prog, &out.Practice)
	if err != nil {
		return out, store.NotFound(err, "form")
	}
	g.SignedAt = g.SignedAt.UTC()
	if f, err := Lookup(practice.Programme(prog), g.FormKey); err == nil {
		g.Title = f.Title
	}
	plain, err := s.vault.Open(ctx, tx, g.ClientID, formAAD(id), sealed)
	if err != nil {
		return out, err
	}
	var parts sealedForm
	if err := json.Unmarshal(plain, &parts); err != nil {
		return out, errs.Wrap(err, "decoding the form")
	}
	out.Name, out.Answers, out.Text = parts.Name, parts.Answers, parts.Text
	g.Addenda, err = formAddenda.List(ctx, tx, s.vault, g.ClientID, id)
	return out, err
}

// signaturesOf lists the client's signed forms, newest first.
func signaturesOf(ctx context.Context, q store.Querier, clientID int64) ([]Signature, error) {
	rows, err := q.Query(ctx, `SELECT id, form_key, version, signed_at, text_sha256, opt_out, programme FROM regulated_forms
		WHERE client_id = ? ORDER BY signed_at DESC, id DESC`, clientID)
	if err != nil {
		return nil, errs.Wrap(err, "listing forms")
	}
	defer rows.Close()
	var out []Signature
	for rows.Next() {
		g := Signature{ClientID: clientID}
		var prog string
		if err := rows.Scan(&g.ID, &g.FormKey, &g.Version, &g.SignedAt, &g.Hash, &g.OptOut, &prog); err != nil {
			return nil, errs.Wrap(err, "reading forms")
		}
		if f, err := Lookup(practice.Programme(prog), g.FormKey); err == nil {
			g.Title = f.Title
		}
		out = append(out, g)
	}
	return out, errs.Wrap(rows.Err(), "reading forms")
}

// nameMatches reports whether the typed name is the account's full name,
// ignoring case and extra spaces.
func nameMatches(typed, full string) bool {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return norm(typed) != "" && norm(typed) == norm(full)
}

// idString formats an id for audit details.
func idString(id int64) string { return strconv.FormatInt(id, 10) }
