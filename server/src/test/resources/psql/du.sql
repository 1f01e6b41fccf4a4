\du
