package web

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/attachment"
	"github.com/afterward/afterward/internal/crisis"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/policy"
)

// Shared pieces of the client's space: ids from paths, the safety notice
// shown after a client writes, attachments as page rows, and file serving.

// safetyNotice is what a client sees after writing text the crisis scan
// flagged: urgent → crisis resources at once; concern → support.
type safetyNotice struct {
	Urgent  bool
	Concern bool
	Help    crisis.Help // lines in the order for the kinds of risk
	Kinds   []string    // the kinds in plain words
}

func actor(sess account.Session) policy.Actor { return policy.ActorOf(sess.User) }

// clientOnly keeps a page to clients; staff reach client data through
// /clients/{id}/….
func clientOnly(sess account.Session) error {
	if sess.User.Role != account.Client {
		return errs.NotFoundf("not found")
	}
	return nil
}

// newKey makes an entry key for a journal form.
func newKey() string {
	b := make([]byte, 18)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

type attRow struct {
	URL, ThumbURL, Kind, Type, Label string
	Image, Audio, Video              bool
}

func attRows(clientID int64, kind string, as []attachment.Attachment) []attRow {
	out := make([]attRow, len(as))
	for i, a := range as {
		base := "/files/" + strconv.FormatInt(clientID, 10) + "/" + kind + "/" + strconv.FormatInt(a.ID, 10)
		out[i] = attRow{URL: base, Kind: string(a.Kind), Type: a.ContentType,
			Image: a.Kind == attachment.Image, Audio: a.Kind == attachment.Audio, Video: a.Kind == attachment.Video,
			Label: map[attachment.MediaKind]string{attachment.Image: "Image", attachment.Audio: "Audio note", attachment.Video: "Video note"}[a.Kind]}
		if a.HasThumb {
			out[i].ThumbURL = base + "?thumb=1"
		}
	}
	return out
}

// fileServe answers /files/{client}/{kind}/{id}: the service decides who
// may read (the client; the coach for shared entries and the thread).
func (s *Server) fileServe(w http.ResponseWriter, r *http.Request, sess account.Session) {
	clientID, err := httpx.PathID(r, "client")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	thumb := r.URL.Query().Get("thumb") == "1"
	var a attachment.Attachment
	var data []byte
	switch r.PathValue("kind") {
	case "journal":
		a, data, err = s.ClientSpace.Journal.File(r.Context(), actor(sess), clientID, id, thumb)
	case "message":
		a, data, err = s.ClientSpace.Messages.File(r.Context(), actor(sess), clientID, id, thumb)
	default:
		err = errs.NotFoundf("not found")
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	ctype := a.ContentType
	if thumb {
		ctype = "image/jpeg"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", "inline")
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(data)
}

// uploaded reads the optional file field of a multipart form, bounded.
func uploaded(w http.ResponseWriter, r *http.Request, field string) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, attachment.MaxUpload)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, errs.Validation{field: "this file is too large (at most 50 MB)"}.Err()
		}
		if errors.Is(err, http.ErrNotMultipart) {
			return nil, nil
		}
		return nil, errs.Validation{field: "the upload was interrupted; please try again"}.Err()
	}
	if bad := httpx.TextProblem(r.MultipartForm.Value); bad != "" {
		return nil, httpx.TextError(bad)
	}
	f, _, err := r.FormFile(field)
	if errors.Is(err, http.ErrMissingFile) {
		return nil, nil
	}
	if err != nil {
		return nil, errs.Validation{field: "the upload was interrupted; please try again"}.Err()
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, errs.Validation{field: "the upload was interrupted; please try again"}.Err()
	}
	return data, nil
}

// fieldsOf returns the per-field problems of an Invalid error, or nil.
func fieldsOf(err error) map[string]string {
	var e *errs.Error
	if errors.As(err, &e) && e.Kind == errs.Invalid {
		return e.Fields
	}
	return nil
}
