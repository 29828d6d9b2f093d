package intake

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/triage"
	"github.com/afterward/afterward/internal/vault"
)

// Alerts is what submission needs from the alert service.
type Alerts interface {
	Raise(ctx context.Context, tx *store.Tx, clientID int64, src alert.Source, level safety.Level, reason string) (int64, error)
	CheckQuestionnaire(ctx context.Context, tx *store.Tx, clientID int64, src alert.Source, instrument string, answers []int) (safety.Level, error)
	ScanText(ctx context.Context, tx *store.Tx, clientID int64, src alert.Source, text string) (safety.Level, error)
}

// Service is the intake use cases.
type Service struct {
	db     *store.DB
	policy *policy.Policy
	vault  *vault.Vault
	form   *Form
	alerts Alerts
	now    func() time.Time
}

// Deps are the service's collaborators, all given at construction.
type Deps struct {
	DB     *store.DB
	Policy *policy.Policy
	Vault  *vault.Vault
	Form   *Form
	Alerts Alerts
	Now    func() time.Time
}

// NewService returns the intake service.
func NewService(d Deps) *Service {
	return &Service{db: d.DB, policy: d.Policy, vault: d.Vault, form: d.Form, alerts: d.Alerts, now: d.Now}
}

// Form is the intake form the service validates against.
func (s *Service) Form() *Form { return s.form }

func (s *Service) access(clientID int64, act policy.Action, detail string) policy.Access {
	return policy.Access{ClientID: clientID, Category: policy.Intake, Action: act, ResourceType: "intake", Detail: detail}
}

// Get returns the client's intake with its answers opened (an audited
// read). A client who has not started gets a fresh intake at the first step.
func (s *Service) Get(ctx context.Context, a policy.Actor, clientID int64) (Intake, error) {
	var out Intake
	err := s.policy.Do(ctx, a, s.access(clientID, policy.Read, ""), func(tx *store.Tx) error {
		var err error
		out, err = s.load(ctx, tx, clientID)
		return err
	})
	return out, err
}

func (s *Service) load(ctx context.Context, tx *store.Tx, clientID int64) (Intake, error) {
	in, sealed, err := loadIntake(ctx, tx, clientID)
	if errs.Is(err, errs.NotFound) {
		return Intake{ClientID: clientID, Step: s.form.Steps[0].ID, Answers: Answers{}}, nil
	}
	if err != nil {
		return in, err
	}
	in.Answers = Answers{}
	if sealed != nil {
		plain, err := s.vault.Open(ctx, tx, clientID, answersAAD(in.ID), sealed)
		if err != nil {
			return in, err
		}
		if err := json.Unmarshal(plain, &in.Answers); err != nil {
			return in, errs.Wrap(err, "reading intake answers")
		}
	}
	return in, nil
}

// SaveStep validates one step's answers and saves them (sealed), so the
// client can stop and come back. It returns the step to show next. An
// invalid step saves nothing and returns the problems by field.
func (s *Service) SaveStep(ctx context.Context, a policy.Actor, clientID int64, stepID string, answers Answers) (string, error) {
	// Only the client fills in their intake; refuse before validating, so
	// nobody else learns anything from the form's answers.
	if a.Role != account.Client || a.UserID != clientID {
		return "", policy.ErrNotFound
	}
	if _, ok := s.form.Step(stepID); !ok {
		return "", errs.NotFoundf("no such intake step")
	}
	if err := s.form.ValidateStep(stepID, answers, s.now()).Err(); err != nil {
		return "", err
	}
	next := s.form.Next(stepID)
	err := s.policy.Do(ctx, a, s.access(clientID, policy.Write, "step="+stepID), func(tx *store.Tx) error {
		in, err := s.load(ctx, tx, clientID)
		if err != nil {
			return err
		}
		if in.Submitted {
			return errs.E(errs.Conflict, "your intake is already submitted")
		}
		for _, q := range mustStep(s.form, stepID).Questions {
			in.Answers[q.Name] = answers[q.Name]
		}
		if in.ID == 0 {
			if in.ID, err = insertIntake(ctx, tx, clientID, s.now()); err != nil {
				return err
			}
		}
		if s.stepIndex(in.Step) > s.stepIndex(next) {
			next = in.Step // saving an earlier step again keeps the client's place
		}
		return s.saveAnswers(ctx, tx, in, next)
	})
	return next, err
}

func mustStep(f *Form, id string) Step { st, _ := f.Step(id); return st }

func (s *Service) stepIndex(id string) int {
	if id == StepReview {
		return len(s.form.Steps) + 1
	}
	return s.form.Index(id)
}

func (s *Service) saveAnswers(ctx context.Context, tx *store.Tx, in Intake, step string) error {
	doc, err := json.Marshal(in.Answers)
	if err != nil {
		return errs.Wrap(err, "encoding intake answers")
	}
	if err := s.vault.SealInto(ctx, tx, in.ClientID, "intakes", in.ID, map[string][]byte{"answers": doc}); err != nil {
		return err
	}
	return updateStep(ctx, tx, in.ID, step, s.now())
}

// Submit triages the completed intake with triage.Assess, records the
// outcome, moves the client to the next stage and raises the alerts the
// answers call for, in one audited transaction.
func (s *Service) Submit(ctx context.Context, a policy.Actor, clientID int64) (Outcome, error) {
	var out Outcome
	err := s.policy.Do(ctx, a, s.access(clientID, policy.Write, "submit"), func(tx *store.Tx) error {
		var err error
		out, err = s.submit(ctx, tx, clientID, s.now().UTC())
		return err
	})
	return out, err
}

func (s *Service) submit(ctx context.Context, tx *store.Tx, clientID int64, now time.Time) (Outcome, error) {
	in, err := s.load(ctx, tx, clientID)
	if err != nil {
		return Outcome{}, err
	}
	if in.Submitted {
		return Outcome{}, errs.E(errs.Conflict, "your intake is already submitted")
	}
	if in.ID == 0 {
		return Outcome{}, errs.E(errs.Invalid, "please fill in the intake first")
	}
	if stepID, v := s.form.FirstInvalid(in.Answers, now); v != nil {
		st, _ := s.form.Step(stepID)
		return Outcome{}, &errs.Error{Kind: errs.Invalid, Msg: "please check the step “" + st.Title + "”", Fields: map[string]string{"step": stepID}}
	}
	ti, err := s.form.Triage(in.Answers, now)
	if err != nil {
		return Outcome{}, errs.Wrap(err, "triaging intake")
	}
	out := outcomeOf(triage.Assess(ti), now)
	if err := saveOutcome(ctx, tx, in.ID, out); err != nil {
		return out, err
	}
	if err := saveExperience(ctx, tx, in.ID, ti.Experience.Date, in.Answers["experience_tz"]); err != nil {
		return out, err
	}
	if err := updateClient(ctx, tx, clientID, ti, stageAfter(out.Disposition)); err != nil {
		return out, err
	}
	return out, s.raiseAlerts(ctx, tx, in, out)
}

// Import writes a client's answers in tx without an actor, and submits them
// when submit is set (triaged exactly as Submit does). It is for trusted
// system callers only: the demo seed and data imports.
func (s *Service) Import(ctx context.Context, tx *store.Tx, clientID int64, answers Answers, submit bool, now time.Time) (Outcome, error) {
	in, err := s.load(ctx, tx, clientID)
	if err != nil {
		return Outcome{}, err
	}
	if in.ID == 0 {
		if in.ID, err = insertIntake(ctx, tx, clientID, now); err != nil {
			return Outcome{}, err
		}
	}
	in.Answers = answers
	step, _ := s.form.FirstInvalid(answers, now)
	if step == "" {
		step = StepReview
	}
	if err := s.saveAnswers(ctx, tx, in, step); err != nil || !submit {
		return Outcome{}, err
	}
	return s.submit(ctx, tx, clientID, now)
}

func outcomeOf(r triage.Result, now time.Time) Outcome {
	return Outcome{SubmittedAt: now, Disposition: r.Disposition, Reasons: r.Reasons, FirstSessionDue: r.FirstSessionDue,
		LateStart: r.LateStart, NeedsClinician: r.NeedsClinicianReferral}
}

// stageAfter is where the client goes next: an emergency puts coaching on
// hold, a clinical referral refers out until clearance, and coaching (with
// or without a clinician) moves on to finding a coach.
func stageAfter(d triage.Disposition) practice.Stage {
	switch d {
	case triage.Emergency:
		return practice.StageOnHold
	case triage.ReferClinical:
		return practice.StageReferredOut
	}
	return practice.StageMatching
}

// raiseAlerts: an emergency is one urgent alert; otherwise the standing
// questionnaire rules apply as they do at any time. Free text is scanned
// either way.
func (s *Service) raiseAlerts(ctx context.Context, tx *store.Tx, in Intake, out Outcome) error {
	src := alert.Source{Kind: "intake", ID: in.ID}
	if out.Disposition == triage.Emergency {
		if _, err := s.alerts.Raise(ctx, tx, in.ClientID, src, safety.Urgent, alert.ReasonIntakeEmergency); err != nil {
			return err
		}
	} else {
		if _, err := s.alerts.CheckQuestionnaire(ctx, tx, in.ClientID, src, "cssrs", cssrsItems(in.Answers)); err != nil {
			return err
		}
		if items, ok := s.form.Scores(StepPHQ9, in.Answers); ok {
			if _, err := s.alerts.CheckQuestionnaire(ctx, tx, in.ClientID, src, "phq9", items); err != nil {
				return err
			}
		}
	}
	text := strings.Join([]string{in.Answers["intentions"], in.Answers["hopes"], in.Answers["notes"]}, "\n\n")
	_, err := s.alerts.ScanText(ctx, tx, in.ClientID, src, text)
	return err
}

func cssrsItems(a Answers) []int {
	keys := []string{"q1", "q2", "q3", "q4", "q5", "q6", "q6_within_3_months"}
	out := make([]int, len(keys))
	for i, k := range keys {
		if a["cssrs_"+k] == "1" {
			out[i] = 1
		}
	}
	return out
}

// List is the intakes of a coach's clients, or of an admin's practice:
// progress and triage outcome, never answers.
//
// Reading the list is audited for every client on it. An admin sees the
// operational flags (due, late start, on hold, clinician needed) but the
// triage outcome and its reasons only under break-glass.
func (s *Service) List(ctx context.Context, a policy.Actor) ([]Summary, error) {
	return policy.ViewListOf(ctx, s.policy, a, func(out *[]Summary) (*policy.List, error) { return listOf(a, out) }, withhold)
}

// listOf is List as one list of policy.ViewLists: it reads the summaries
// into *out; withhold then applies its decisions.
func listOf(a policy.Actor, out *[]Summary) (*policy.List, error) {
	var where string
	var arg int64
	switch a.Role {
	case account.Coach:
		where, arg = `c.coach_id = ?`, a.UserID
	case account.Admin:
		where, arg = `c.practice_id = ?`, a.PracticeID
	default:
		return nil, errs.E(errs.Forbidden, "intake lists are for coaches and practice admins")
	}
	return &policy.List{Category: policy.Intake, Resource: "intake_list", Read: func(ctx context.Context, tx *store.Tx) ([]int64, error) {
		var err error
		if *out, err = listSummaries(ctx, tx, where, arg); err != nil {
			return nil, err
		}
		clients := make([]int64, len(*out))
		for i, sm := range *out {
			clients[i] = sm.ClientID
		}
		return clients, nil
	}}, nil
}

// withhold sets each summary's hold and clears the outcome of those whose
// client's intake the actor may not read.
func withhold(out []Summary, may map[int64]bool) {
	for i := range out {
		out[i].Hold = out[i].Outcome.HoldOf()
		if !may[out[i].ClientID] {
			out[i].Outcome.Disposition, out[i].Outcome.Reasons, out[i].Withheld = "", nil, true
		}
	}
}

func answersAAD(id int64) vault.AAD {
	return vault.AAD{Table: "intakes", RecordID: id, Field: "answers"}
}
