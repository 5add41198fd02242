print("pframe")
