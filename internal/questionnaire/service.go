package questionnaire

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// Service is the questionnaire, progress and practice-outcome use cases.
type Service struct {
	db       *store.DB
	policy   *policy.Policy
	vault    *vault.Vault
	jobs     notify.Enqueuer
	measures *measure.Registry
	now      func() time.Time
	baseURL  string
	plans    PlanDates
	risk     RiskResponder
	sessions SessionCounter
	outcomes *outcomesFlight
}

// Deps are the collaborators of the service. Plans may be nil (the post
// timepoint then falls back to experience + 8 weeks); Sessions counts
// sessions held on appointments (nil: none, every client falls back to the
// outcome_doses table); Risk is required.
type Deps struct {
	DB       *store.DB
	Policy   *policy.Policy
	Vault    *vault.Vault
	Jobs     notify.Enqueuer
	Measures *measure.Registry
	Now      func() time.Time
	BaseURL  string
	Plans    PlanDates
	Risk     RiskResponder
	Sessions SessionCounter
}

// NewService returns the progress service.
func NewService(d Deps) *Service {
	return &Service{db: d.DB, policy: d.Policy, vault: d.Vault, jobs: d.Jobs, measures: d.Measures,
		now: func() time.Time { return d.Now().UTC() }, baseURL: d.BaseURL, plans: d.Plans, risk: d.Risk, sessions: d.Sessions, outcomes: &outcomesFlight{}}
}

// authorize is the one place this service asks the policy: it runs fn in a
// transaction after the decision, with the audit event in that transaction.
func (s *Service) authorize(ctx context.Context, a policy.Actor, clientID int64, act policy.Action, resource string, id int64, detail string, fn func(tx *store.Tx) error) error {
	acc := scoresAccess(clientID, act, resource, id, detail)
	if act == policy.Read {
		return s.policy.View(ctx, a, acc, fn) // reads write nothing: a snapshot, audited by group commit
	}
	return s.policy.Do(ctx, a, acc, fn)
}

// scoresAccess is one access to a client's scores, as the audit trail names it.
func scoresAccess(clientID int64, act policy.Action, resource string, id int64, detail string) policy.Access {
	return policy.Access{ClientID: clientID, Category: policy.Scores, Action: act, ResourceType: resource, ResourceID: id, Detail: detail}
}

// administrable returns the definition of an instrument a client can answer
// in the browser: switched on, scored (summed or C-SSRS) and with every
// item's wording.
func (s *Service) administrable(id string) (*measure.Definition, error) {
	def, ok := s.measures.Lookup(id)
	if !ok || !def.Enabled || (def.Scoring.Method != measure.MethodSum && def.Scoring.Method != measure.MethodCSSRS) || len(def.Items) != def.ItemCount {
		return nil, errs.NotFoundf("no such questionnaire")
	}
	for _, it := range def.Items {
		if it.Text == "" {
			return nil, errs.NotFoundf("no such questionnaire")
		}
	}
	return def, nil
}

// Questionnaire returns a definition to show as a form.
func (s *Service) Questionnaire(id string) (*measure.Definition, error) { return s.administrable(id) }

// Result is what a client sees after answering.
type Result struct {
	ResponseID int64
	Total      *int
	Severity   string
	// Risk is set when the answers called the safety response.
	Risk string
}

// Submit scores and stores a client's answers (form values "item1".."itemN"),
// completing the open scheduled questionnaire for that instrument if there
// is one. Only the client answers their own questionnaires. Missing or
// invalid answers come back as a Validation error naming each item.
func (s *Service) Submit(ctx context.Context, a policy.Actor, instrument string, form map[string]string) (Result, error) {
	def, err := s.administrable(instrument)
	if err != nil {
		return Result{}, err
	}
	if a.Role != account.Client {
		return Result{}, errs.E(errs.Forbidden, "only the client answers their questionnaires")
	}
	answers, err := ParseAnswers(def, form)
	if err != nil {
		return Result{}, err
	}
	sc, err := scoreAnswers(def, answers)
	if err != nil {
		return Result{}, err
	}
	var res Result
	// Grouped: concurrent submissions share a commit. Everything below
	// writes only in tx, so a batch that failed runs it again alone.
	acc := scoresAccess(a.UserID, policy.Write, "measure_response", 0, "instrument="+def.ID)
	err = s.policy.DoGrouped(ctx, a, acc, func(tx *store.Tx) error {
		// The earliest open scheduled timepoint of the instrument ("" for an
		// extra check-in) is found by the insert itself: one round trip
		// fewer in the group's transaction on PostgreSQL (issue 17).
		now := s.now()
		res, err = s.store(ctx, tx, a.UserID, def.ID, openAt(now), now, answers, sc)
		return err
	})
	return res, err
}

// Record stores answers given at a known time and timepoint without a
// signed-in client: for the demo and for importing earlier paper forms.
// It seals the answers and calls the safety response like Submit.
func (s *Service) Record(ctx context.Context, tx *store.Tx, clientID int64, instrument, timepoint string, at time.Time, answers []int) (Result, error) {
	def, err := s.administrable(instrument)
	if err != nil {
		return Result{}, err
	}
	sc, err := scoreAnswers(def, answers)
	if err != nil {
		return Result{}, errs.E(errs.Invalid, "%v", err)
	}
	return s.store(ctx, tx, clientID, def.ID, given(timepoint), at.UTC(), answers, sc)
}

// timepointOf says which timepoint a response answers: a given one, or
// the earliest scheduled one still open at a time.
type timepointOf struct {
	given  string
	openAt time.Time // not zero: the timepoint open then, if any
}

func given(timepoint string) timepointOf { return timepointOf{given: timepoint} }
func openAt(t time.Time) timepointOf     { return timepointOf{openAt: t} }

func (s *Service) store(ctx context.Context, tx *store.Tx, clientID int64, instrument string, tpo timepointOf, at time.Time, answers []int, sc scored) (Result, error) {
	id, timepoint, err := insertResponse(ctx, tx, clientID, instrument, tpo, at, sc, s.now())
	if store.IsUniqueViolation(err) {
		return Result{}, errs.E(errs.Conflict, "this questionnaire was already answered")
	}
	if err != nil {
		return Result{}, errs.Wrap(err, "saving answers")
	}
	plain, _ := json.Marshal(answers)
	if err := s.vault.SealInto(ctx, tx, clientID, "measure_responses", id, map[string][]byte{"answers": plain}); err != nil {
		return Result{}, err
	}
	if timepoint != "" {
		if _, err := tx.Exec(ctx, `UPDATE measure_assignments SET completed_at = ?, response_id = ? WHERE client_id = ? AND instrument = ? AND timepoint = ?`,
			at, id, clientID, instrument, timepoint); err != nil {
			return Result{}, errs.Wrap(err, "completing questionnaire")
		}
	}
	if sc.risk != "" {
		if err := s.risk.QuestionnaireRisk(ctx, tx, clientID, instrument, id, sc.risk); err != nil {
			return Result{}, err
		}
	}
	return Result{ResponseID: id, Total: sc.total, Severity: sc.severity, Risk: sc.risk}, nil
}

// Answers opens one response's sealed item answers (audited read).
func (s *Service) Answers(ctx context.Context, a policy.Actor, clientID, responseID int64) ([]int, error) {
	var out []int
	err := s.authorize(ctx, a, clientID, policy.Read, "measure_response", responseID, "fields=answers", func(tx *store.Tx) error {
		var sealed []byte
		err := tx.QueryRow(ctx, `SELECT answers FROM measure_responses WHERE id = ? AND client_id = ?`, responseID, clientID).Scan(&sealed)
		if err != nil {
			return store.NotFound(err, "questionnaire response")
		}
		plain, err := s.vault.Open(ctx, tx, clientID, vault.AAD{Table: "measure_responses", RecordID: responseID, Field: "answers"}, sealed)
		if err != nil {
			return err
		}
		return json.Unmarshal(plain, &out)
	})
	return out, err
}

// DueFor lists the client's open questionnaires (due now, not expired).
func (s *Service) DueFor(ctx context.Context, a policy.Actor, clientID int64) ([]Due, error) {
	var out []Due
	err := s.authorize(ctx, a, clientID, policy.Read, "measure_assignment", 0, "", func(tx *store.Tx) error {
		var err error
		out, err = listDue(ctx, tx, clientID, s.now())
		return err
	})
	for i := range out {
		if def, ok := s.measures.Lookup(out[i].Instrument); ok {
			out[i].Title = def.Title
		}
	}
	return out, err
}

// ParseAnswers reads form values item1..itemN into item values, checking
// each against the item's options. C-SSRS follow-up questions that the
// screener's own rules skip (3–5 after "no" to 2; the 3-month question
// after "no" to 6) count as "no" when left empty.
func ParseAnswers(def *measure.Definition, form map[string]string) ([]int, error) {
	v := errs.Validation{}
	answers := make([]int, def.ItemCount)
	for i, it := range def.Items {
		key := "item" + strconv.Itoa(i+1)
		raw, ok := form[key]
		if !ok || raw == "" {
			if skippable(def, i, answers) {
				continue
			}
			v.Add(key, fmt.Sprintf("answer question %d", i+1))
			continue
		}
		n, err := strconv.Atoi(raw)
		if err != nil || !validOption(def, it, n) {
			v.Add(key, fmt.Sprintf("choose one of the answers for question %d", i+1))
			continue
		}
		answers[i] = n
	}
	return answers, v.Err()
}

func skippable(def *measure.Definition, i int, answers []int) bool {
	if def.Scoring.Method != measure.MethodCSSRS {
		return false
	}
	switch def.Items[i].Key {
	case "q3", "q4", "q5":
		return answers[1] == 0
	case "q6_within_3_months":
		return answers[5] == 0
	}
	return false
}

func validOption(def *measure.Definition, it measure.Item, n int) bool {
	opts := it.Options
	if len(opts) == 0 {
		opts = def.Options
	}
	for _, o := range opts {
		if o.Value == n {
			return true
		}
	}
	return false
}
