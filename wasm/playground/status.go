package playground

import "hnnplay/core/experiment"

// setStatus shows a message in the status line; kind is ok, info, busy or
// error. An error stays in State().error until another message replaces it.
func (p *Playground) setStatus(kind, text string) {
	text = sentence(text)
	p.statusKind, p.statusText = kind, text
	p.host.SetStatus(kind, text)
	p.mu.Lock()
	p.snap.Error = ""
	if kind == "error" {
		p.snap.Error = text
	}
	p.mu.Unlock()
}

// news shows a passing message about the running scene (a trajectory left
// the plot, the integrator falls back) on a line of its own, so it never
// hides the status line's result or problem; "" clears it.
func (p *Playground) news(text string) {
	text = sentence(text)
	if text == p.newsText {
		return
	}
	p.newsText = text
	p.host.SetNews(text)
	p.mu.Lock()
	p.snap.News = text
	p.mu.Unlock()
}

// sentence capitalises the first letter.
func sentence(s string) string {
	for i, r := range s {
		if r >= 'a' && r <= 'z' {
			return s[:i] + string(r-'a'+'A') + s[i+1:]
		}
		break
	}
	return s
}

// samplerLabel is the sampler's label in the table of settings ("A-SWIM").
func samplerLabel(s string) string {
	for _, o := range experiment.Lookup("sampler").Options {
		if o.Value == s {
			return o.Label
		}
	}
	return s
}
