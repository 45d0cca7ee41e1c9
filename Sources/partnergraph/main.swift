print("partnergraph")
