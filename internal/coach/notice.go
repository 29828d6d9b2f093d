package coach

import (
	"context"
	"strconv"

	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/store"
)

// tell emails a person that a request changed (no details: they sign in
// to see them), when the service has notices wired.
func (s *Service) tell(ctx context.Context, tx *store.Tx, to int64, kind notify.Kind, requestID int64, path string) error {
	if s.deps.Notices == nil {
		return nil
	}
	return s.deps.Notices.Tell(ctx, tx, notify.Notice{UserID: to, Kind: kind, Event: "coach_request:" + strconv.FormatInt(requestID, 10), Path: path}, s.now())
}
