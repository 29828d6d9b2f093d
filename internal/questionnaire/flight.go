package questionnaire

import "sync"

// outcomesFlight shares one computation of a practice's outcomes among the
// requests that ask while it runs: over a million responses it takes a
// second or more, and thirty-two admins' page views used to run thirty-two
// computations side by side (30 s each, 0.5 GB resident; issue 17). A
// request that arrives after a computation finished starts a new one, so
// nobody sees figures older than their own request's wait.
type outcomesFlight struct {
	mu       sync.Mutex
	inFlight map[int64]*outcomesCall
}

type outcomesCall struct {
	done chan struct{}
	sum  Summary
	err  error
}

func (f *outcomesFlight) do(practiceID int64, compute func() (Summary, error)) (Summary, error) {
	f.mu.Lock()
	if c, ok := f.inFlight[practiceID]; ok {
		f.mu.Unlock()
		<-c.done
		return c.sum, c.err
	}
	if f.inFlight == nil {
		f.inFlight = map[int64]*outcomesCall{}
	}
	c := &outcomesCall{done: make(chan struct{})}
	f.inFlight[practiceID] = c
	f.mu.Unlock()

	c.sum, c.err = compute()
	f.mu.Lock()
	delete(f.inFlight, practiceID)
	f.mu.Unlock()
	close(c.done)
	return c.sum, c.err
}
