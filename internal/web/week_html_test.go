package web

import (
	"html/template"
	"strings"
	"testing"
)

// weekTemplate is the markup of the coach dashboard's week as
// dashboard_coach.html had it before weekHTMLOf wrote it.
var weekTemplate = template.Must(template.New("week").Parse(`{{define "coach_sessions"}}
{{if .}}<ul class="sessions">{{range .}}<li><a href="/sessions/{{.ID}}">{{.When}}</a> · {{.With}} · {{.Format}}{{if .Cancelled}} · <span class="badge warn">{{.Status}}</span>{{else if not .Live}} · <span class="badge">{{.Status}}</span>{{end}}</li>{{end}}</ul>
{{else}}<p class="muted">No sessions.</p>{{end}}
{{end}}{{if .Alerts}}<ul class="signals">{{range .Alerts}}<li><a href="{{.Href}}">{{.Name}}</a> · {{.Summary}} · since {{.Since}}</li>{{end}}</ul>
{{else}}<p class="muted">No open safety alerts.</p>{{end}}|{{template "coach_sessions" .Today}}|{{template "coach_sessions" .ThisWeek}}|{{if .Overdue}}<ul>{{range .Overdue}}<li><a href="/sessions/{{.ID}}/note">{{.Name}}, {{.When}}</a></li>{{end}}</ul>
{{else}}<p class="muted">All notes are signed off.</p>{{end}}|{{if .Needs}}<ul class="signals">{{range .Needs}}<li><a href="{{.Href}}">{{.Name}}</a> · {{.Summary}}</li>{{end}}</ul>
{{else}}<p class="muted">No client is waiting for a clinician.</p>{{end}}|{{if .FollowUps}}<ul>{{range .FollowUps}}<li>{{.Name}} · {{.Check}} · {{.Due}}</li>{{end}}</ul>
{{else}}<p class="muted">No follow-up check-ins in the next two weeks.</p>{{end}}`))

// TestWeekHTMLAsTheTemplate holds the coach dashboard's hand-written week
// to the template it replaced: the same bytes for empty lists, ordinary and
// hostile values, every session status, and links that are not plain.
func TestWeekHTMLAsTheTemplate(t *testing.T) {
	hostile := `"><img src=x onerror=alert(1)> <script>alert("x")</script> it's & 1+1 ` + "\x00 ünïcode 🙂"
	tests := []struct {
		name string
		wk   coachWeek
	}{
		{"empty", coachWeek{}},
		{"ordinary", coachWeek{
			Today: []appointmentRow{{ID: 7, When: "Sat 5 Dec, 10:00 · 50 min", With: "Elena Marsh", Format: "Video", Status: "Booked", Live: true}},
			ThisWeek: []appointmentRow{
				{ID: 8, When: "Mon 7 Dec, 09:00 · 50 min", With: "Sam Ode", Format: "In person · Integration", Status: "Cancelled", Cancelled: true},
				{ID: 9, When: "Tue 8 Dec, 09:00 · 50 min", With: "Ana Lim", Format: "Video", Status: "Held"},
				{ID: 9223372036854775807, When: "Wed", With: "Bo", Format: "Video", Status: "Booked", Live: true, LateCancel: true},
			},
			Alerts:    []signalRow{{Name: "Elena Marsh", Summary: "urgent: a journal entry", Href: "/safety#alert-42", Since: "Fri 4 Dec, 18:00"}},
			Needs:     []signalRow{{Name: "Sam Ode", Summary: "a clinician alongside coaching is needed", Href: "/intakes", Since: "Thu 3 Dec"}},
			Overdue:   []overdueRow{{ID: 3, Name: "Ana Lim", When: "Tue 1 Dec, 09:00"}, {ID: 4, Name: "Bo", When: "Wed 2 Dec, 09:00"}},
			FollowUps: []followUpRow{{Name: "Elena Marsh", Check: "3-month check-in", Due: "12 Dec 2026"}},
		}},
		{"hostile values", coachWeek{
			Today:     []appointmentRow{{ID: 1, When: hostile, With: hostile, Format: hostile, Status: hostile}},
			ThisWeek:  []appointmentRow{{ID: 2, When: hostile, With: hostile, Format: hostile, Status: hostile, Cancelled: true}},
			Alerts:    []signalRow{{Name: hostile, Summary: hostile, Href: "/safety#alert-1", Since: hostile}},
			Needs:     []signalRow{{Name: hostile, Summary: hostile, Href: "/intakes", Since: hostile}},
			Overdue:   []overdueRow{{ID: 5, Name: hostile, When: hostile}},
			FollowUps: []followUpRow{{Name: hostile, Check: hostile, Due: hostile}},
		}},
		{"links that are not plain", coachWeek{
			Alerts: []signalRow{{Name: "a", Summary: "s", Href: "javascript:alert(1)", Since: "x"}, {Name: "b", Summary: "s", Href: "//evil.example/#x"},
				{Name: "c", Summary: "s", Href: `/a b"c#q=<2>`}, {Name: "d", Summary: "s", Href: "/safety#alert-1#2"}, {Name: "e", Summary: "s", Href: "#top"},
				{Name: "f", Summary: "s", Href: ""}, {Name: "g", Summary: "s", Href: "/safety#/x"}, {Name: "h", Summary: "s", Href: "/safety#"}},
			Needs: []signalRow{{Name: "a", Summary: "s", Href: "https://example.org/ä"}, {Name: "b", Summary: "s", Href: "relative/path"}},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var want strings.Builder
			if err := weekTemplate.Execute(&want, tc.wk); err != nil {
				t.Fatal(err)
			}
			h := weekHTMLOf(tc.wk)
			got := strings.Join([]string{string(h.Alerts), string(h.Today), string(h.ThisWeek), string(h.Overdue), string(h.Needs), string(h.FollowUps)}, "|")
			if got != want.String() {
				t.Errorf("week differs\n got %q\nwant %q", got, want.String())
			}
			if strings.Contains(got, "<script>") || strings.Contains(got, "<img") || strings.Contains(got, `href="javascript:`) {
				t.Error("a value's markup reached the page unescaped")
			}
		})
	}
}
