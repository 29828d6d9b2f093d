package web

import "strings"

// words is the one place where stored values become the phrases people
// read: statuses, kinds, categories, audit resources. A value missing here
// is shown with its underscores turned into spaces, never raw.
var words = map[string]string{
	// schedule
	"booked": "Booked", "held": "Held", "cancelled": "Cancelled", "no_show": "Missed",
	"video": "Video", "in_person": "In person", "phone": "Phone",
	"weekly": "Weekly", "biweekly": "Every two weeks",
	// triage
	"emergency": "Emergency", "refer_clinical": "Clinical referral first",
	"coaching_with_clinician": "Coaching alongside a clinician", "coaching": "Coaching",
	// policy categories and audit resources
	"roster": "contact details", "attendance": "sessions", "scores": "questionnaire scores",
	"summaries": "care summaries", "safety_alerts": "safety alerts", "safety_alert": "safety alert", "journal": "journal",
	"journal_entry": "journal entry", "intake": "intake answers", "notes": "session notes", "note": "session note",
	"messages": "messages", "message": "message", "plan": "integration plan", "plan_history": "plan history",
	"billing": "billing", "checkin": "check-in", "checkins": "check-ins", "measure_assignment": "questionnaire",
	"questionnaire": "questionnaire", "contact": "contact details", "consent": "consent", "appointment": "session",
	"work": "insights and intentions", "attachment": "attachment",
	// intake: substance and setting, as staff read them
	"psilocybin": "Psilocybin", "mdma": "MDMA", "lsd": "LSD", "ayahuasca": "Ayahuasca", "ketamine": "Ketamine", "dmt": "DMT",
	"5-meo-dmt": "5-MeO-DMT", "mescaline": "Mescaline", "ibogaine": "Ibogaine", "other": "Other or unsure",
	"clinical_trial": "clinical trial", "legal_service": "legal service", "ceremonial": "ceremony", "personal": "personal use",
	"unintentional": "unintended",
	// vetting of coach profiles
	"outcome_guarantee": "Promises results", "substance_provision": "Offers substances",
	"in_session_guidance": "Guidance during a trip", "clinical_claim": "Clinical claim",
	// report columns
	"net_collected": "Net collected", "package_credit": "Package credit", "overdue_since": "Overdue since",
	"reviews_due": "Reviews due", "full_fee_total": "Full fees", "discount_given": "Discount given",
	// safety
	"urgent": "Urgent", "concern": "Concern", "none": "None",
	// roles
	"admin": "practice admin", "coach": "coach", "client": "client", "clinician": "clinician",
}

// label is the human phrase for a stored value.
func label(v string) string {
	if w, ok := words[v]; ok {
		return w
	}
	return strings.ReplaceAll(v, "_", " ")
}

// heading is label with a capital first letter, for column headings.
func heading(v string) string {
	l := label(v)
	if l == "" {
		return l
	}
	return strings.ToUpper(l[:1]) + l[1:]
}
