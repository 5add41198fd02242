import ArgumentParser
import ParquetFrame

/// `pframe graph ...`: graph analytics over edge files.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph", abstract: "Graph analytics over edge tables (BFS, PageRank, components, ...).",
        discussion: """
        EDGES is a .parquet, .csv, .tsv or .avro file with one edge per row.
        Examples:
          pframe graph generate rmat --scale 16 --edge-factor 16 -o edges.csv
          pframe graph info edges.csv
          pframe graph bfs edges.csv --source 0 --top 10
          pframe graph pagerank edges.parquet --undirected --top 20 -o ranks.csv
          pframe graph sssp roads.csv --weight km --source Paris
        """,
        subcommands: [GraphInfoCommand.self, GraphBFSCommand.self, GraphDFSCommand.self,
                      GraphPageRankCommand.self, GraphSSSPCommand.self, GraphComponentsCommand.self,
                      GraphGenerateCommand.self])
}
