package plan

import "github.com/afterward/afterward/internal/progress"

// Timeline is the plan's progress.TimelineSource: one event per action the
// client marked done, never what the action was.
var Timeline = progress.Rows(progress.Intention, `SELECT done_at, '', 0 FROM actions WHERE client_id = ? AND done_at IS NOT NULL ORDER BY done_at`,
	func(string, int64) (string, string) { return "Step taken", "an action you set with your coach" }, "/dashboard")
