package web

import (
	"encoding/json"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/journal"
	"github.com/afterward/afterward/internal/policy"
)

type entryRow struct {
	ID                int64
	Title, Date, Lead string
	Prompt            string
	Shared            bool
	Files             int
	Href              string
}

type journalIndexPage struct {
	// Entries is the list's items, written once by entryItemsHTML
	// (issue 17: the template's per-value escaping was a quarter of the
	// page's CPU); "" when there are none.
	Entries  template.HTML
	Assigned []journal.Prompt
}

func (s *Server) entryRows(es []journal.Entry, tz, base string) []entryRow {
	out := make([]entryRow, len(es))
	for i, e := range es {
		title := e.Title
		if title == "" {
			title = "Untitled entry"
		}
		out[i] = entryRow{ID: e.ID, Title: title, Date: formatTime(e.CreatedAt, tz), Lead: leadOf(e.Body), Prompt: e.PromptText,
			Shared: e.Shared(), Files: len(e.Attachments), Href: base + strconv.FormatInt(e.ID, 10)}
	}
	return out
}

// leadLen is how many characters of an entry's text a list shows.
const leadLen = 140

// leadOf is the start of an entry's text for a list: its words joined by
// single spaces, cut after leadLen characters with "…" — in one pass,
// without joining the whole text first. A text that is already its own
// lead (short, plain spacing: most entries' in the list) is returned as
// it is.
func leadOf(body string) string {
	if ownLead(body) {
		return body
	}
	if !utf8.ValidString(body) { // the slow way keeps its exact handling of bad bytes
		lead := strings.Join(strings.Fields(body), " ")
		if r := []rune(lead); len(r) > leadLen {
			lead = string(r[:leadLen]) + "…"
		}
		return lead
	}
	b := make([]byte, 0, min(len(body), 4*leadLen)+len("…"))
	n, space := 0, false
	for i := 0; i < len(body); {
		size := 1
		if c := body[i]; c < utf8.RuneSelf {
			if asciiSpace(c) {
				space, i = n > 0, i+1
				continue
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(body[i:])
			if unicode.IsSpace(r) {
				space, i = n > 0, i+size
				continue
			}
		}
		if space {
			if n == leadLen {
				return string(append(b, "…"...))
			}
			b = append(b, ' ')
			n, space = n+1, false
		}
		if n == leadLen {
			return string(append(b, "…"...))
		}
		b = append(b, body[i:i+size]...)
		n, i = n+1, i+size
	}
	return string(b)
}

// asciiSpace is unicode.IsSpace for a byte below utf8.RuneSelf.
func asciiSpace(c byte) bool { return c == ' ' || ('\t' <= c && c <= '\r') }

// ownLead reports whether body is its own lead: ASCII, at most leadLen
// characters, words separated by single spaces, none at either end.
func ownLead(body string) bool {
	if len(body) > leadLen {
		return false
	}
	prevSpace := true // a leading space is not the body's own lead
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c >= utf8.RuneSelf:
			return false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case asciiSpace(c):
			return false
		default:
			prevSpace = false
		}
	}
	return body == "" || !prevSpace
}

// entryItemsHTML writes the journal list's items, every value escaped
// as the template escaped it (TestEntryItemsHTMLEscapesAsTheTemplate).
func entryItemsHTML(rows []entryRow) template.HTML {
	var b strings.Builder
	b.Grow(len(rows) * 480)
	for _, e := range rows {
		b.WriteString("<li class=\"card entry\">\n    <h3><a href=\"")
		escInto(&b, e.Href) // a path made here: a fixed base and the id
		b.WriteString(`">`)
		escInto(&b, e.Title)
		b.WriteString("</a></h3>\n    <p class=\"muted\">")
		escInto(&b, e.Date)
		b.WriteString(" · ")
		if e.Shared {
			b.WriteString(`<span class="badge">Shared with your coach</span>`)
		} else {
			b.WriteString(`<span class="badge private">Private</span>`)
		}
		if e.Files != 0 {
			b.WriteString(" · ")
			b.WriteString(strconv.Itoa(e.Files))
			b.WriteString(" attached")
		}
		b.WriteString("</p>\n    ")
		if e.Prompt != "" {
			b.WriteString(`<p class="muted prompt">Prompt: `)
			escInto(&b, e.Prompt)
			b.WriteString("</p>")
		}
		b.WriteString("\n    <p>")
		escInto(&b, e.Lead)
		b.WriteString("</p>\n  </li>")
	}
	return template.HTML(b.String()) // every value above is escaped
}

func (s *Server) journalIndex(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if err := clientOnly(sess); err != nil {
		s.renderError(w, r, err)
		return
	}
	// One snapshot and one group commit for the page's two reads; the
	// navigation's unread count is read in the same snapshot.
	var unread unreadCount
	idx, err := s.ClientSpace.Journal.Index(r.Context(), actor(sess), sess.User.ID, s.unreadPart(r, sess.User, &unread))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rows := make([]entryRow, len(idx.Entries))
	for i, e := range idx.Entries {
		title := e.Title
		if title == "" {
			title = "Untitled entry"
		}
		rows[i] = entryRow{ID: e.ID, Title: title, Date: formatTime(e.CreatedAt, sess.User.TimeZone), Lead: leadOf(e.Body), Prompt: e.PromptText,
			Shared: e.Shared, Files: e.Files, Href: "/journal/" + strconv.FormatInt(e.ID, 10)}
	}
	page := journalIndexPage{Entries: entryItemsHTML(rows), Assigned: idx.Assigned}
	render(s, w, unread.with(r), http.StatusOK, "journal_index", "Journal", page)
}

type journalFormPage struct {
	EditID           int64 // editing this saved entry; 0 for a new one
	Key, Title, Body string
	PromptID         int64
	PromptText       string
	Fields           map[string]string
}

func (s *Server) journalNew(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if err := clientOnly(sess); err != nil {
		s.renderError(w, r, err)
		return
	}
	page := journalFormPage{Key: newKey()}
	if id, err := strconv.ParseInt(r.URL.Query().Get("prompt"), 10, 64); err == nil && id > 0 {
		page.PromptID, page.PromptText = s.promptText(r, sess, id)
	}
	render(s, w, r, http.StatusOK, "journal_form", "New journal entry", page)
}

func (s *Server) promptText(r *http.Request, sess account.Session, id int64) (int64, string) {
	prompts, err := s.ClientSpace.Journal.Prompts(r.Context(), actor(sess), 0)
	if err != nil {
		return 0, ""
	}
	for _, p := range prompts {
		if p.ID == id {
			return p.ID, p.Text
		}
	}
	return 0, ""
}

// journalSave takes the form and the script's autosaves (draft=1, answered
// with JSON so the script knows the server has the words).
func (s *Server) journalSave(w http.ResponseWriter, r *http.Request, sess account.Session) {
	r.Body = http.MaxBytesReader(w, r.Body, 4*journal.MaxBody+64<<10)
	promptID, _ := strconv.ParseInt(r.PostFormValue("prompt_id"), 10, 64)
	in := journal.Input{Key: r.PostFormValue("key"), PromptID: promptID, Title: r.PostFormValue("title"),
		Body: r.PostFormValue("body"), Draft: r.PostFormValue("draft") == "1"}
	if err := clientOnly(sess); err != nil {
		s.renderError(w, r, err)
		return
	}
	e, err := s.ClientSpace.Journal.Save(r.Context(), actor(sess), sess.User.ID, in)
	if in.Draft {
		s.draftAnswer(w, e, err)
		return
	}
	if fields := fieldsOf(err); fields != nil {
		page := journalFormPage{Key: in.Key, Title: in.Title, Body: in.Body, PromptID: promptID, Fields: fields}
		page.PromptID, page.PromptText = s.promptText(r, sess, promptID)
		render(s, w, r, http.StatusUnprocessableEntity, "journal_form", "New journal entry", page)
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/journal/"+strconv.FormatInt(e.ID, 10)+"?saved="+e.Key, http.StatusSeeOther)
}

func (s *Server) draftAnswer(w http.ResponseWriter, e journal.Entry, err error) {
	w.Header().Set("Content-Type", "application/json")
	if err != nil {
		status := http.StatusInternalServerError
		if fieldsOf(err) != nil {
			status = http.StatusUnprocessableEntity
		}
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]any{"saved": false, "fields": fieldsOf(err)})
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"saved": true, "id": e.ID, "key": e.Key})
}

type journalShowPage struct {
	ID              int64
	Title, Date     string
	Prompt          string
	HTML            template.HTML
	Shared          bool
	Owner           bool
	SavedKey        string
	Files           []attRow
	Safety          *safetyNotice
	FileError       string
	Back, BackLabel string
	DeleteError     string
}

func (s *Server) journalShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.entryPage(w, r, sess, sess.User.ID, http.StatusOK, "")
}

// entryPage shows one entry to the client (with sharing and attachments)
// or to staff (read-only, only when shared).
func (s *Server) entryPage(w http.ResponseWriter, r *http.Request, sess account.Session, clientID int64, status int, fileErr string) {
	s.entryPageWith(w, r, sess, clientID, status, journalShowPage{FileError: fileErr})
}

// entryPageWith is entryPage with a form's state (a refused attachment or
// deletion) carried in from.
func (s *Server) entryPageWith(w http.ResponseWriter, r *http.Request, sess account.Session, clientID int64, status int, from journalShowPage) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	e, err := s.ClientSpace.Journal.Get(r.Context(), actor(sess), clientID, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	owner := sess.User.ID == clientID
	page := journalShowPage{ID: e.ID, Title: e.Title, Date: formatTime(e.CreatedAt, sess.User.TimeZone), Prompt: e.PromptText,
		HTML: template.HTML(journal.RenderMarkdown(e.Body)), Shared: e.Shared(), Owner: owner,
		Files: attRows(clientID, "journal", e.Attachments), FileError: from.FileError, DeleteError: from.DeleteError, Back: "/journal", BackLabel: "All entries"}
	if page.Title == "" {
		page.Title = "Untitled entry"
	}
	if owner && r.URL.Query().Get("saved") == e.Key {
		page.SavedKey, page.Safety = e.Key, s.notice(r, sess, e.SafetyLevel, alert.Source{Kind: "journal_entry", ID: e.ID})
	}
	if !owner {
		page.Back, page.BackLabel = "/clients/"+strconv.FormatInt(clientID, 10)+"#journal", "Back to the chart"
	}
	render(s, w, r, status, "journal_show", page.Title, page)
}

func (s *Server) journalShare(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err == nil {
		err = s.ClientSpace.Journal.Share(r.Context(), actor(sess), sess.User.ID, id, r.PostFormValue("shared") == "1")
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/journal/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

func (s *Server) journalAttach(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	data, err := uploaded(w, r, "file")
	if err == nil {
		_, err = s.ClientSpace.Journal.Attach(r.Context(), actor(sess), sess.User.ID, id, data)
	}
	if fields := fieldsOf(err); fields != nil {
		s.entryPage(w, r, sess, sess.User.ID, http.StatusUnprocessableEntity, fields["file"])
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/journal/"+strconv.FormatInt(id, 10)+"#files", http.StatusSeeOther)
}

type promptGroup struct {
	Label   string
	Prompts []journal.Prompt
}

type promptsPage struct {
	Coach   bool
	Groups  []promptGroup
	Themes  []themeOption
	Clients []clientOption
	Fields  map[string]string
	Text    string
	Theme   string
	Done    string
}

type themeOption struct{ Value, Label string }
type clientOption struct {
	ID   int64
	Name string
}

func (s *Server) promptsIndex(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.promptsPage(w, r, sess, http.StatusOK, promptsPage{Done: r.URL.Query().Get("done")})
}

func (s *Server) promptsPage(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page promptsPage) {
	prompts, err := s.ClientSpace.Journal.Prompts(r.Context(), actor(sess), 0)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.Coach = sess.User.Role == account.Coach
	for _, th := range journal.Themes {
		g := promptGroup{Label: th.Label()}
		for _, p := range prompts {
			if p.Theme == th {
				g.Prompts = append(g.Prompts, p)
			}
		}
		page.Groups = append(page.Groups, g)
		page.Themes = append(page.Themes, themeOption{string(th), th.Label()})
	}
	if page.Coach {
		clients, err := s.People.Practices.ClientsOfCoach(r.Context(), policy.ActorOf(sess.User))
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		for _, c := range clients {
			page.Clients = append(page.Clients, clientOption{c.UserID, c.Name})
		}
	}
	render(s, w, r, status, "prompts", "Integration prompts", page)
}

func (s *Server) promptCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	theme, text := r.PostFormValue("theme"), r.PostFormValue("text")
	_, err := s.ClientSpace.Journal.AddPrompt(r.Context(), actor(sess), journal.Theme(theme), text)
	if fields := fieldsOf(err); fields != nil {
		s.promptsPage(w, r, sess, http.StatusUnprocessableEntity, promptsPage{Fields: fields, Text: text, Theme: theme})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/prompts?done=added", http.StatusSeeOther)
}

func (s *Server) promptAssign(w http.ResponseWriter, r *http.Request, sess account.Session) {
	clientID, _ := strconv.ParseInt(r.PostFormValue("client_id"), 10, 64)
	promptID, _ := strconv.ParseInt(r.PostFormValue("prompt_id"), 10, 64)
	err := s.ClientSpace.Journal.Assign(r.Context(), actor(sess), clientID, promptID)
	if fields := fieldsOf(err); fields != nil {
		s.promptsPage(w, r, sess, http.StatusUnprocessableEntity, promptsPage{Fields: fields})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/prompts?done=assigned", http.StatusSeeOther)
}
