package httpx

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/afterward/afterward/internal/errs"
)

// TextMessage is the field message for text that cannot be stored.
const TextMessage = "contains characters that cannot be stored (a NUL byte or invalid UTF-8); remove them and try again"

// storable reports whether s can be stored as text on both engines:
// PostgreSQL refuses NUL and invalid UTF-8 (SQLSTATE 22021), SQLite keeps
// them raw and every later reader must cope.
func storable(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }

// TextProblem names the first field whose name or value cannot be stored
// as text ("" when all can).
func TextProblem(values url.Values) string {
	for name, vs := range values {
		if !storable(name) {
			return "form"
		}
		for _, v := range vs {
			if !storable(v) {
				return name
			}
		}
	}
	return ""
}

// TextError is the error for a field TextProblem named.
func TextError(field string) error {
	return &errs.Error{Kind: errs.Invalid, Msg: "“" + field + "” " + TextMessage, Fields: map[string]string{field: TextMessage}}
}

// CheckText is the one place every text field is checked before a handler
// sees it: the query string, a form body and a JSON body. A value with a
// NUL or invalid UTF-8 is refused with its field's name; a form body too
// large for the route (LimitBody) is refused saying so, nothing saved.
// Multipart forms are parsed by the upload handlers, which call
// TextProblem themselves.
func CheckText(refuse func(http.ResponseWriter, *http.Request, error), next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if field := TextProblem(r.URL.Query()); field != "" {
			refuse(w, r, TextError(field))
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			if err := checkBody(r); err != nil {
				refuse(w, r, err)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// checkBody reads a form or JSON body (bounded by LimitBody), checks its
// text and puts it back for the handler, which parses it as it always did.
func checkBody(r *http.Request) error {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	form := ct == "application/x-www-form-urlencoded"
	if !form && ct != "application/json" && ct != "application/problem+json" {
		return nil
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		if form {
			return tooLargeField(body, err)
		}
		return bodyError(err)
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if !form {
		if field := jsonTextProblem(body); field != "" {
			return TextError(field)
		}
		return nil
	}
	values, err := url.ParseQuery(string(body))
	if err != nil {
		return nil // malformed encoding: the handler reads what it can, field by field
	}
	if field := TextProblem(values); field != "" {
		return TextError(field)
	}
	return nil
}

// tooLargeField names the field that made a form too large: the longest
// value in what was read before the limit.
func tooLargeField(partial []byte, err error) error {
	var tooBig *http.MaxBytesError
	if !errors.As(err, &tooBig) {
		return bodyError(err)
	}
	values, _ := url.ParseQuery(string(partial)) // the cut may leave a broken escape
	field, longest := "", 0
	for name, vs := range values {
		for _, v := range vs {
			if len(v) > longest {
				field, longest = name, len(v)
			}
		}
	}
	if field == "" || !storable(field) {
		return bodyError(err)
	}
	msg := "is too long for this page (the whole form may be at most " + strconv.FormatInt(tooBig.Limit>>10, 10) +
		" KB), so nothing was saved; go back (your text is still in the form), shorten it and send it again"
	return &errs.Error{Kind: errs.Invalid, Msg: "“" + field + "” " + msg, Fields: map[string]string{field: msg}}
}

func bodyError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return errs.E(errs.Invalid, "this form is larger than the page accepts (at most %d KB), so nothing was saved; go back (your text is still in the form), shorten the longest text and send it again", tooBig.Limit>>10)
	}
	return errs.E(errs.Invalid, "the form could not be read; please send it again")
}

// jsonTextProblem names the first key whose string value (or the key
// itself) cannot be stored; "body" when the document is not valid UTF-8.
// Malformed JSON is left for the handler to report.
func jsonTextProblem(body []byte) string {
	if !utf8.Valid(body) {
		return "body"
	}
	type frame struct{ object, wantKey bool }
	var stack []frame
	afterValue := func() {
		if n := len(stack); n > 0 && stack[n-1].object {
			stack[n-1].wantKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	key := ""
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				stack = append(stack, frame{object: true, wantKey: true})
			case '[':
				stack = append(stack, frame{})
			default:
				stack = stack[:len(stack)-1]
				afterValue()
			}
		case string:
			if n := len(stack); n > 0 && stack[n-1].wantKey {
				stack[n-1].wantKey = false
				if key = v; !storable(v) {
					return "body"
				}
				continue
			}
			if !storable(v) {
				return cmp.Or(key, "body")
			}
			afterValue()
		default:
			afterValue()
		}
	}
}
