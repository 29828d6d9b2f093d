package web

import (
	"errors"

	"github.com/afterward/afterward/internal/errs"
)

// invalidFields returns the per-field messages of an Invalid error, so a form
// can be shown again with each message next to its field.
func invalidFields(err error) (map[string]string, bool) {
	var e *errs.Error
	if errors.As(err, &e) && e.Kind == errs.Invalid && len(e.Fields) > 0 {
		return e.Fields, true
	}
	return nil, false
}
