package alert

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/crisis"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// Service raises, lists and closes safety alerts.
type Service struct {
	db      *store.DB
	policy  *policy.Policy
	vault   *vault.Vault
	queue   notify.Enqueuer
	baseURL string
	now     func() time.Time
	openers map[string]SourceOpener // by source kind; see AddSource
}

// Deps are the service's collaborators, all given at construction;
// BaseURL goes into email links. The openers of alert sources are not
// among them: see AddSource.
type Deps struct {
	DB      *store.DB
	Policy  *policy.Policy
	Vault   *vault.Vault
	Queue   notify.Enqueuer
	BaseURL string
	Now     func() time.Time
}

// NewService returns the alert service.
func NewService(d Deps) *Service {
	return &Service{db: d.DB, policy: d.Policy, vault: d.Vault, queue: d.Queue, baseURL: strings.TrimRight(d.BaseURL, "/"), now: d.Now}
}

// ScanText scans free text the client just saved (in tx) for crisis
// language with safety.Scan and raises an alert for concern or urgent. It
// returns the level so the caller can show the client the right response
// (the emergency page for urgent, support resources for concern). The text
// is neither stored nor logged here.
//
// The alert keeps the kinds of risk the scan named (not the text), so the
// client's help and the coach's queue can follow them.
func (s *Service) ScanText(ctx context.Context, tx *store.Tx, clientID int64, src Source, text string) (safety.Level, error) {
	return s.RaiseScanned(ctx, tx, clientID, src, safety.Scan(text))
}

// RaiseScanned is ScanText for a scan the caller ran before its
// transaction: an alert when res is concern or above, in tx.
func (s *Service) RaiseScanned(ctx context.Context, tx *store.Tx, clientID int64, src Source, res safety.Result) (safety.Level, error) {
	if res.Level < safety.Concern {
		return res.Level, nil
	}
	_, err := s.RaiseWith(ctx, tx, clientID, src, res.Level, ReasonCrisisLanguage, res.Kinds)
	return res.Level, err
}

// CheckQuestionnaire applies the standing rules to a questionnaire the
// client just submitted (in tx), at any time in the programme: PHQ-9 item 9
// of 1 or more is concern; a C-SSRS screener (answers q1…q6 and
// q6_within_3_months as 1/0) at moderate risk is concern, at high risk
// urgent. Other instruments raise nothing.
func (s *Service) CheckQuestionnaire(ctx context.Context, tx *store.Tx, clientID int64, src Source, instrument string, answers []int) (safety.Level, error) {
	level, reason := QuestionnaireLevel(instrument, answers)
	if level < safety.Concern {
		return level, nil
	}
	_, err := s.Raise(ctx, tx, clientID, src, level, reason)
	return level, err
}

// QuestionnaireLevel is the rule CheckQuestionnaire applies, without
// raising anything.
func QuestionnaireLevel(instrument string, answers []int) (safety.Level, string) {
	switch instrument {
	case "phq9":
		if len(answers) == 9 && answers[8] >= 1 {
			return safety.Concern, ReasonPHQ9Item9
		}
	case "cssrs":
		if len(answers) != 7 {
			return safety.None, ""
		}
		yes := func(i int) bool { return answers[i] == 1 }
		switch measure.CSSRSRisk(measure.CSSRSAnswers{Q1: yes(0), Q2: yes(1), Q3: yes(2), Q4: yes(3), Q5: yes(4), Q6: yes(5), Q6Within3Months: yes(6)}) {
		case measure.RiskHigh:
			return safety.Urgent, ReasonCSSRSHigh
		case measure.RiskModerate:
			return safety.Concern, ReasonCSSRSModerate
		}
	}
	return safety.None, ""
}

// Raise creates an alert in tx (unless the same source already has an open
// alert for the same reason), audits it and enqueues the emails to the
// assigned coach and the practice admins. It returns the alert id. The
// alert's kinds are the reason's DefaultKinds.
func (s *Service) Raise(ctx context.Context, tx *store.Tx, clientID int64, src Source, level safety.Level, reason string) (int64, error) {
	return s.RaiseWith(ctx, tx, clientID, src, level, reason, DefaultKinds(reason))
}

// RaiseWith is Raise with the kinds of risk given.
func (s *Service) RaiseWith(ctx context.Context, tx *store.Tx, clientID int64, src Source, level safety.Level, reason string, kinds []safety.Kind) (int64, error) {
	if level != safety.Concern && level != safety.Urgent {
		return 0, errs.E(errs.Invalid, "an alert is concern or urgent")
	}
	if src.Kind == "" || reason == "" {
		return 0, errs.E(errs.Invalid, "an alert needs a source kind and a reason")
	}
	practiceID, err := practice.OfClient(ctx, tx, clientID)
	if err != nil {
		return 0, err
	}
	digest, err := s.reasonDigest(ctx, tx, clientID, reason)
	if err != nil {
		return 0, err
	}
	if id, found, err := openAlertFor(ctx, tx, clientID, src, digest); err != nil || found {
		return id, err
	}
	now := s.now().UTC()
	// The reason code and kinds say what worries us about the client
	// ("phq9_item9", "suicide"): sealed, with only a keyed digest of the
	// code left for the one-open-alert index.
	id, err := store.InsertID(ctx, tx, `INSERT INTO safety_alerts (practice_id, client_id, level, reason, reason_digest, kinds, source_kind, source_id, created_at)
		VALUES (?, ?, ?, '', ?, '', ?, ?, ?) RETURNING id`, practiceID, clientID, level.String(), digest, src.Kind, src.ID, now)
	if err != nil {
		return 0, errs.Wrap(err, "saving safety alert")
	}
	if err := s.vault.SealInto(ctx, tx, clientID, "safety_alerts", id, map[string][]byte{
		"reason_sealed": []byte(reason), "kinds_sealed": []byte(crisis.FormatKinds(kinds))}); err != nil {
		return 0, err
	}
	err = audit.Append(ctx, tx, audit.Stamp(ctx, audit.Event{At: now, ActorRole: "system", Action: "safety_alert_raised",
		ResourceType: "safety_alert", ResourceID: strconv.FormatInt(id, 10), ClientID: clientID, Outcome: audit.OutcomeOK,
		Detail: fmt.Sprintf("level=%s source=%s", level, src.Kind)})) // never the reason or kinds: the audit trail outlives erasure
	if err != nil {
		return 0, errs.Wrap(err, "auditing safety alert")
	}
	return id, s.notify(ctx, tx, clientID, id, level)
}

// notify emails everyone who must know. The email says only that an alert
// is waiting: no name, no reason, no text.
func (s *Service) notify(ctx context.Context, tx *store.Tx, clientID, alertID int64, level safety.Level) error {
	recipients, err := alertRecipients(ctx, tx, clientID)
	if err != nil {
		return err
	}
	subject := "Afterward: a safety alert needs your attention"
	if level == safety.Urgent {
		subject = "Afterward: an URGENT safety alert needs your attention now"
	}
	for _, r := range recipients {
		e := notify.Email{To: r.email, Subject: subject,
			Text: "A safety alert for a client of your practice is waiting in the safety queue.\n\nOpen it here (sign-in needed): " +
				s.baseURL + "/safety\n\nFor privacy this email contains no details about the client.\n",
			DedupeKey: "safety-alert:" + strconv.FormatInt(alertID, 10) + ":" + strconv.FormatInt(r.id, 10)}
		if err := notify.Queue(ctx, s.queue, tx, e, time.Time{}); err != nil {
			return errs.Wrap(err, "queueing safety alert email")
		}
	}
	return nil
}

// Queue lists the alerts an actor works from: a coach's clients' alerts, or
// every alert of an admin's practice (level, reason and source only, never
// text). Open alerts come first, urgent before concern; alerts closed in
// the last 30 days follow.
//
// Reading the queue is audited for every client on it. An admin sees that
// an alert exists, its level and who closed it — enough to make sure
// someone follows up — but its reason and source only under break-glass.
func (s *Service) Queue(ctx context.Context, a policy.Actor) ([]Alert, error) {
	return policy.ViewListOf(ctx, s.policy, a, func(out *[]Alert) (*policy.List, error) { return s.queueList(a, out) }, withhold)
}

// queueList is the safety queue as one list of policy.ViewLists: it reads
// the alerts into *out.
func (s *Service) queueList(a policy.Actor, out *[]Alert) (*policy.List, error) {
	since := s.now().UTC().Add(-30 * 24 * time.Hour)
	var where string
	var arg int64
	switch a.Role {
	case account.Coach:
		where, arg = `c.coach_id = ? AND (sa.closed_at IS NULL OR sa.closed_at > ?)`, a.UserID
	case account.Admin:
		where, arg = `sa.practice_id = ? AND (sa.closed_at IS NULL OR sa.closed_at > ?)`, a.PracticeID
	default:
		return nil, errs.E(errs.Forbidden, "the safety queue is for coaches and practice admins")
	}
	return &policy.List{Category: policy.SafetyAlerts, Resource: "safety_queue", Read: func(ctx context.Context, tx *store.Tx) ([]int64, error) {
		var err error
		if *out, err = s.listAlerts(ctx, tx, where, arg, since); err != nil {
			return nil, err
		}
		clients := make([]int64, len(*out))
		for i, al := range *out {
			clients[i] = al.ClientID
		}
		return clients, nil
	}}, nil
}

// withhold clears the reason and source of the alerts whose client's
// safety detail the actor may not read.
func withhold(out []Alert, may map[int64]bool) {
	for i := range out {
		if !may[out[i].ClientID] {
			out[i].Reason, out[i].Source = "", Source{}
		}
	}
}

// ForClient lists a client's alerts (without notes) for whoever may read
// the client's safety alerts.
func (s *Service) ForClient(ctx context.Context, a policy.Actor, clientID int64) ([]Alert, error) {
	var out []Alert
	err := s.policy.Do(ctx, a, policy.Access{ClientID: clientID, Category: policy.SafetyAlerts, Action: policy.Read, ResourceType: "safety_alert"},
		func(tx *store.Tx) error {
			var err error
			out, err = s.listAlerts(ctx, tx, `sa.client_id = ?`, clientID)
			return err
		})
	return out, err
}

// Get returns one alert with its follow-up note opened: an audited read.
func (s *Service) Get(ctx context.Context, a policy.Actor, id int64) (Alert, error) {
	clientID, err := alertClient(ctx, s.db.Reader(), id)
	if err != nil {
		return Alert{}, err
	}
	var out Alert
	err = s.policy.Do(ctx, a, policy.Access{ClientID: clientID, Category: policy.SafetyAlerts, Action: policy.Read, ResourceType: "safety_alert", ResourceID: id},
		func(tx *store.Tx) error {
			var sealed []byte
			var err error
			if out, sealed, err = s.getAlert(ctx, tx, id); err != nil || sealed == nil {
				return err
			}
			note, err := s.vault.Open(ctx, tx, clientID, followUpAAD(id), sealed)
			out.FollowUp = string(note)
			return err
		})
	return out, err
}

// Close records the follow-up note (sealed) and closes the alert. An alert
// is closed only with a note; closing a closed alert is a conflict.
func (s *Service) Close(ctx context.Context, a policy.Actor, id int64, note string) error {
	note = strings.TrimSpace(note)
	v := errs.Validation{}
	v.Check(note != "", "note", "please write what you did to follow up")
	v.Check(utf8.RuneCountInString(note) <= MaxNote && utf8.ValidString(note), "note", "please keep the note to 4000 characters or fewer")
	if err := v.Err(); err != nil {
		return err
	}
	if err := followsUp(a); err != nil {
		return err
	}
	clientID, err := alertClient(ctx, s.db.Reader(), id)
	if err != nil {
		return err
	}
	return s.policy.Do(ctx, a, policy.Access{ClientID: clientID, Category: policy.SafetyAlerts, Action: policy.Write, ResourceType: "safety_alert", ResourceID: id, Detail: "close"},
		func(tx *store.Tx) error {
			sealed, err := s.vault.Seal(ctx, tx, clientID, followUpAAD(id), []byte(note))
			if err != nil {
				return err
			}
			return closeAlert(ctx, tx, id, a.UserID, s.now().UTC(), sealed)
		})
}

// reasonDigestPurpose names the reason's digest; privacy.SealLegacyText
// derives the same name (table_column) for rows it seals.
const reasonDigestPurpose = "safety_alerts_reason"

// reasonDigest is the keyed digest of a reason code that the one-open-alert
// index holds in the code's place.
func (s *Service) reasonDigest(ctx context.Context, tx *store.Tx, clientID int64, reason string) (string, error) {
	return s.vault.Digest(ctx, tx, clientID, reasonDigestPurpose, []byte(reason))
}

func followUpAAD(id int64) vault.AAD {
	return vault.AAD{Table: "safety_alerts", RecordID: id, Field: "follow_up"}
}

// CloseInTx closes an alert in tx with a note, without an actor check: for
// trusted system callers only (the demo seed, imports).
func (s *Service) CloseInTx(ctx context.Context, tx *store.Tx, id, by int64, note string, at time.Time) error {
	clientID, err := alertClient(ctx, tx, id)
	if err != nil {
		return err
	}
	sealed, err := s.vault.Seal(ctx, tx, clientID, followUpAAD(id), []byte(note))
	if err != nil {
		return err
	}
	return closeAlert(ctx, tx, id, by, at.UTC(), sealed)
}
