package web

import (
	"html/template"
	"strconv"
	"strings"
)

// The coach dashboard's week (sessions, alerts, overdue notes, clients who
// need a clinician, follow-ups) written here, not by the template: each
// row was a handful of template actions through reflection and an escaper,
// and rendering was ~130 µs of the page's ~1,400 (issue 17's perf8b
// profile). week_html_test.go holds every list to the template markup it
// replaced, byte for byte, hostile values included.

// weekHTML is the week's lists as the page shows them.
type weekHTML struct {
	Today, ThisWeek, Alerts, Overdue, Needs, FollowUps template.HTML
}

func weekHTMLOf(wk coachWeek) weekHTML {
	return weekHTML{Today: coachSessionsHTML(wk.Today), ThisWeek: coachSessionsHTML(wk.ThisWeek),
		Alerts: signalsHTML(wk.Alerts, true, "No open safety alerts."), Needs: signalsHTML(wk.Needs, false, "No client is waiting for a clinician."),
		Overdue: overdueHTML(wk.Overdue), FollowUps: followUpsHTML(wk.FollowUps)}
}

// coachSessionsHTML is a list of sessions (the template's "coach_sessions").
func coachSessionsHTML(rows []appointmentRow) template.HTML {
	if len(rows) == 0 {
		return "\n<p class=\"muted\">No sessions.</p>\n"
	}
	var b strings.Builder
	b.Grow(len(rows) * 120)
	b.WriteString("\n<ul class=\"sessions\">")
	for _, a := range rows {
		b.WriteString(`<li><a href="/sessions/`)
		b.WriteString(strconv.FormatInt(a.ID, 10))
		b.WriteString(`">`)
		htmlEsc.WriteString(&b, a.When)
		b.WriteString("</a> · ")
		htmlEsc.WriteString(&b, a.With)
		b.WriteString(" · ")
		htmlEsc.WriteString(&b, a.Format)
		switch {
		case a.Cancelled:
			b.WriteString(` · <span class="badge warn">`)
			htmlEsc.WriteString(&b, a.Status)
			b.WriteString("</span>")
		case !a.Live:
			b.WriteString(` · <span class="badge">`)
			htmlEsc.WriteString(&b, a.Status)
			b.WriteString("</span>")
		}
		b.WriteString("</li>")
	}
	b.WriteString("</ul>\n\n")
	return template.HTML(b.String()) // every value above is escaped
}

// signalsHTML is the safety alerts (since: with their time) or the clients
// who need a clinician; empty is the sentence shown when there are none.
func signalsHTML(rows []signalRow, since bool, empty string) template.HTML {
	if len(rows) == 0 {
		return template.HTML(`<p class="muted">` + empty + `</p>`) // a constant of this file
	}
	var b strings.Builder
	b.Grow(len(rows) * 150)
	b.WriteString(`<ul class="signals">`)
	for _, s := range rows {
		if !plainFragmentLink(s.Href) {
			// The template's URL filter and normaliser decide what such a
			// link becomes; the dashboard makes none (its links are fixed paths).
			if err := signalItemTemplate.Execute(&b, signalItem{signalRow: s, WithSince: since}); err != nil {
				b.WriteString("<li></li>") // cannot happen: the row's fields are strings
			}
			continue
		}
		b.WriteString(`<li><a href="`)
		b.WriteString(s.Href) // plain: nothing to escape or normalise
		b.WriteString(`">`)
		htmlEsc.WriteString(&b, s.Name)
		b.WriteString("</a> · ")
		htmlEsc.WriteString(&b, s.Summary)
		if since {
			b.WriteString(" · since ")
			htmlEsc.WriteString(&b, s.Since)
		}
		b.WriteString("</li>")
	}
	b.WriteString("</ul>\n")
	return template.HTML(b.String()) // every value above is escaped
}

type signalItem struct {
	signalRow
	WithSince bool
}

// signalItemTemplate is the markup a signal had in dashboard_coach.html; it
// writes the rows whose link is not plain.
var signalItemTemplate = template.Must(template.New("signal").Parse(
	`<li><a href="{{.Href}}">{{.Name}}</a> · {{.Summary}}{{if .WithSince}} · since {{.Since}}{{end}}</li>`))

// plainFragmentLink is plainLink with a fragment allowed ("/safety#alert-3"):
// html/template writes a '#' in an href as it is.
func plainFragmentLink(link string) bool {
	path, frag, _ := strings.Cut(link, "#")
	return link != "" && plainLink(path) && plainLink("/"+frag)
}

// overdueHTML is the sessions whose note is overdue.
func overdueHTML(rows []overdueRow) template.HTML {
	if len(rows) == 0 {
		return `<p class="muted">All notes are signed off.</p>`
	}
	var b strings.Builder
	b.Grow(len(rows) * 90)
	b.WriteString("<ul>")
	for _, o := range rows {
		b.WriteString(`<li><a href="/sessions/`)
		b.WriteString(strconv.FormatInt(o.ID, 10))
		b.WriteString(`/note">`)
		htmlEsc.WriteString(&b, o.Name)
		b.WriteString(", ")
		htmlEsc.WriteString(&b, o.When)
		b.WriteString("</a></li>")
	}
	b.WriteString("</ul>\n")
	return template.HTML(b.String()) // every value above is escaped
}

// followUpsHTML is the follow-up check-ins due.
func followUpsHTML(rows []followUpRow) template.HTML {
	if len(rows) == 0 {
		return `<p class="muted">No follow-up check-ins in the next two weeks.</p>`
	}
	var b strings.Builder
	b.Grow(len(rows) * 80)
	b.WriteString("<ul>")
	for _, f := range rows {
		b.WriteString("<li>")
		htmlEsc.WriteString(&b, f.Name)
		b.WriteString(" · ")
		htmlEsc.WriteString(&b, f.Check)
		b.WriteString(" · ")
		htmlEsc.WriteString(&b, f.Due)
		b.WriteString("</li>")
	}
	b.WriteString("</ul>\n")
	return template.HTML(b.String()) // every value above is escaped
}
