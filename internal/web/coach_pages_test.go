package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/store"
)

// profileBody is a complete, clean profile form with one field changed.
func profileBody(change map[string][]string) string {
	v := url.Values{"name": {"Jonah Reyes"}, "headline": {"Integration coach"}, "bio": {"I help people make sense of what came up."},
		"answer_training": {"150 hours and monthly supervision."}, "answer_experience": {"Psilocybin in legal services."},
		"answer_crisis": {"We slow down and I share crisis lines."}, "answer_therapy": {"I work alongside your therapist."},
		"supervision_kind": {"supervisor"}, "supervision_frequency": {"monthly"}, "ethics_code": {"ICF Code of Ethics"},
		"years_practice": {"6"}, "substance": {"psilocybin", "mdma"}, "context": {"legal_service"}, "modality": {"talk"},
		"language": {"en"}, "format": {"video"}, "length": {"60"}, "fee": {"120"}, "currency": {"usd"},
		"packages": {"Five sessions; 5; 500"}, "time_zone": {"America/Denver"}, "availability": {"Mon 09:00-17:00\nWed 09:00-17:00"}, "accepting": {"yes"}}
	for k, vals := range change {
		v[k] = vals
	}
	return v.Encode()
}

// certificateBody is a multipart training form carrying data as the file,
// with extra fields set or changed.
func certificateBody(t *testing.T, data []byte, extra ...string) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fields := map[string]string{"training_name": "Integration course", "training_provider": "School", "training_hours": "40", "training_year": "2024"}
	for i := 0; i+1 < len(extra); i += 2 {
		fields[extra[i]] = extra[i+1]
	}
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	fw, err := mw.CreateFormFile("certificate", "certificate.pdf")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = mw.Close()
	return buf.String(), mw.FormDataContentType()
}

func TestCoachPages(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { runCoachPages(t, engine) })
	}
}

func runCoachPages(t *testing.T, engine store.Dialect) {
	srv := apptest.NewServer(t, engine)
	priyaID := clientID(t, srv, priya)
	kenjiID := clientID(t, srv, kenji)
	pdf := []byte("%PDF-1.7\nbody")
	okBody, okType := certificateBody(t, pdf)
	htmlBody, htmlType := certificateBody(t, []byte("<html>not a certificate</html>"))
	bigBody, bigType := certificateBody(t, append([]byte("%PDF-"), make([]byte, coach.MaxCertificateBytes)...))
	badExpiryBody, badExpiryType := certificateBody(t, pdf, "training_expires", "30/06/2027")
	oldExpiryBody, oldExpiryType := certificateBody(t, pdf, "training_expires", "1027-06-30")
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	tests := []struct {
		name, as, method, path, body string
		header                       map[string]string
		wantStatus                   int
		want, notWant                []string
	}{
		{name: "coach sees own editor", as: jonah, method: "GET", path: "/coach/profile", wantStatus: 200, want: []string{"Jonah Reyes", "/settings/availability", "Status:", "Add training"}, notWant: []string{"Weekly availability"}},
		{name: "client cannot edit", as: kenji, method: "GET", path: "/coach/profile", wantStatus: 403},
		{name: "missing answers keep typed text", as: jonah, method: "POST", path: "/coach/profile", header: form,
			body: profileBody(map[string][]string{"answer_crisis": {""}, "headline": {"Kept headline 8841"}}), wantStatus: 422,
			want: []string{"write a few sentences in your own words", "Kept headline 8841", `aria-invalid="true"`}},
		{name: "bad fee and windows are field errors", as: jonah, method: "POST", path: "/coach/profile", header: form,
			body: profileBody(map[string][]string{"fee": {"lots"}}), wantStatus: 422,
			want: []string{"enter an amount such as 120"}},
		{name: "in person needs a location", as: jonah, method: "POST", path: "/coach/profile", header: form,
			body: profileBody(map[string][]string{"format": {"in_person"}}), wantStatus: 422, want: []string{"say where in-person sessions take place"}},
		{name: "clean profile publishes", as: jonah, method: "POST", path: "/coach/profile", header: form, body: profileBody(nil), wantStatus: 303},
		{name: "flagged profile waits for review", as: priya, method: "POST", path: "/coach/profile", header: form,
			body: profileBody(map[string][]string{"name": {"Priya Natarajan"}, "bio": {"Healing guaranteed or your money back."}}), wantStatus: 303},
		{name: "pending review is explained", as: priya, method: "GET", path: "/coach/profile?done=saved", wantStatus: 200, want: []string{"an admin will review your profile"}},
		{name: "coach cannot review profiles", as: jonah, method: "POST", path: "/admin/coaches/" + priyaID + "/review", header: form, body: "decision=approve", wantStatus: 403},
		{name: "returning needs a note", as: maya, method: "POST", path: "/admin/coaches/" + priyaID + "/review", header: form, body: "decision=return&note=+", wantStatus: 422,
			want: []string{"tell the coach what to change", `aria-invalid="true"`, "Priya Natarajan"}},
		{name: "admin returns the profile with a note", as: maya, method: "POST", path: "/admin/coaches/" + priyaID + "/review", header: form,
			body: "decision=return&note=Please+remove+the+guarantee+5521", wantStatus: 303},
		{name: "the coach reads the note", as: priya, method: "GET", path: "/coach/profile", wantStatus: 200, want: []string{"Please remove the guarantee 5521"}},
		{name: "a returned profile is not approved", as: maya, method: "POST", path: "/admin/coaches/" + priyaID + "/review", header: form, body: "decision=approve", wantStatus: 409},
		{name: "pdf certificate accepted", as: jonah, method: "POST", path: "/coach/trainings", header: map[string]string{"Content-Type": okType}, body: okBody, wantStatus: 303},
		{name: "html certificate refused by content", as: jonah, method: "POST", path: "/coach/trainings", header: map[string]string{"Content-Type": htmlType}, body: htmlBody,
			wantStatus: 422, want: []string{"upload a PDF, PNG or JPEG", "Integration course"}},
		{name: "oversized certificate refused", as: jonah, method: "POST", path: "/coach/trainings", header: map[string]string{"Content-Type": bigType}, body: bigBody,
			wantStatus: 422, want: []string{"at most 5 MB"}},
		{name: "badly typed expiry is named, not dropped", as: jonah, method: "POST", path: "/coach/trainings", header: map[string]string{"Content-Type": badExpiryType}, body: badExpiryBody,
			wantStatus: 422, want: []string{"enter the date the certificate expires as year-month-day", `id="training_expires-error"`, "30/06/2027"}},
		{name: "implausible expiry is named", as: jonah, method: "POST", path: "/coach/trainings", header: map[string]string{"Content-Type": oldExpiryType}, body: oldExpiryBody,
			wantStatus: 422, want: []string{`id="training_expires-error"`}},
		{name: "client cannot add trainings", as: kenji, method: "POST", path: "/coach/trainings", header: map[string]string{"Content-Type": okType}, body: okBody, wantStatus: 403},
		{name: "the admin sees it to verify", as: maya, method: "GET", path: "/admin/coaches", wantStatus: 200, want: []string{`action="/admin/trainings/LATEST"`}},
		{name: "coach cannot verify trainings", as: jonah, method: "POST", path: "/admin/trainings/LATEST", header: form, body: "decision=verify", wantStatus: 403},
		{name: "admin verifies the training", as: maya, method: "POST", path: "/admin/trainings/LATEST", header: form, body: "decision=verify", wantStatus: 303},
		{name: "verified, it leaves the admin's list", as: maya, method: "GET", path: "/admin/coaches", wantStatus: 200, notWant: []string{`action="/admin/trainings/LATEST"`}},
		{name: "coaching client gets suggestions", as: kenji, method: "GET", path: "/coaches/suggestions", wantStatus: 200, want: []string{"Coaches for you", "fit what you told us", "Request this coach", "Why we suggest them"}},
		{name: "referred client is told kindly", as: ben, method: "GET", path: "/coaches/suggestions", wantStatus: 200, want: []string{"a clinician is the best first step"}, notWant: []string{"Request this coach"}},
		{name: "unfinished intake", as: omar, method: "GET", path: "/coaches/suggestions", wantStatus: 200, want: []string{"finished your intake"}},
		{name: "coach has no suggestions page", as: jonah, method: "GET", path: "/coaches/suggestions", wantStatus: 403},
		{name: "admin sees assign form", as: maya, method: "GET", path: "/admin/coaches", wantStatus: 200, want: []string{"Assign a coach directly", "Kenji Watanabe", "Time from intake to first session"}},
		{name: "assign needs a coach of the practice", as: maya, method: "POST", path: "/admin/coaches/assign", header: form, body: "client_id=" + kenjiID + "&coach_id=" + kenjiID,
			wantStatus: 422, want: []string{"choose a coach of your practice"}},
		{name: "coach cannot assign", as: jonah, method: "POST", path: "/admin/coaches/assign", header: form, body: "client_id=" + kenjiID + "&coach_id=" + priyaID, wantStatus: 403},
		{name: "priya opens her whole week", as: priya, method: "POST", path: "/settings/availability", header: form, body: apptest.EveryDayOpen, wantStatus: 303},
		{name: "admin assigns", as: maya, method: "POST", path: "/admin/coaches/assign", header: form, body: "client_id=" + kenjiID + "&coach_id=" + priyaID, wantStatus: 303},
		{name: "an assignment without a session claims no booking", as: maya, method: "GET", path: "/admin/coaches?done=assigned", wantStatus: 200,
			want: []string{"Assigned.", "Priya Natarajan"}, notWant: []string{"is booked for"}},
		{name: "waiting time shows the assignment and its booked session", as: maya, method: "GET", wantStatus: 200,
			want: []string{"Assigned.", "The first session with Kenji Watanabe is booked for", "Priya Natarajan"}},
	}
	clients := map[string]*http.Client{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.path == "" { // the session the admin's assignment booked
				tc.path = "/admin/coaches?done=assigned&session=" + scalar(t, srv.App.DB, `SELECT MAX(id) FROM appointments WHERE client_id = ?`, kenjiID)
			}
			latest := scalar(t, srv.App.DB, `SELECT MAX(id) FROM coach_trainings`)
			tc.path = strings.Replace(tc.path, "LATEST", latest, 1)
			for i := range tc.want {
				tc.want[i] = strings.Replace(tc.want[i], "LATEST", latest, 1)
			}
			for i := range tc.notWant {
				tc.notWant[i] = strings.Replace(tc.notWant[i], "LATEST", latest, 1)
			}
			c, ok := clients[tc.as]
			if !ok {
				c = srv.SignIn(t, tc.as)
				clients[tc.as] = c
			}
			resp := apptest.Do(t, c, tc.method, srv.URL+tc.path, tc.body, tc.header)
			if resp.Status != tc.wantStatus {
				t.Fatalf("status = %d, want %d; body: %.600s", resp.Status, tc.wantStatus, resp.Body)
			}
			for _, w := range tc.want {
				if !strings.Contains(resp.Body, w) {
					t.Errorf("body lacks %q", w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(resp.Body, w) {
					t.Errorf("body contains %q", w)
				}
			}
		})
	}
}
