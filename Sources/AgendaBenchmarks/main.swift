print("agenda-bench")
