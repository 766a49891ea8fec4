namespace Diecast.Api.Checkout;

/// <summary>
/// India's 28 states and 8 union territories (since Dadra and Nagar Haveli and Daman and Diu merged, 26 January 2020),
/// as an enum so a shopper picks one rather than types one. The order keeps the name (<see cref="IndianStates.Name"/>).
/// </summary>
public enum IndianState
{
    AndhraPradesh,
    ArunachalPradesh,
    Assam,
    Bihar,
    Chhattisgarh,
    Goa,
    Gujarat,
    Haryana,
    HimachalPradesh,
    Jharkhand,
    Karnataka,
    Kerala,
    MadhyaPradesh,
    Maharashtra,
    Manipur,
    Meghalaya,
    Mizoram,
    Nagaland,
    Odisha,
    Punjab,
    Rajasthan,
    Sikkim,
    TamilNadu,
    Telangana,
    Tripura,
    UttarPradesh,
    Uttarakhand,
    WestBengal,
    AndamanAndNicobarIslands,
    Chandigarh,
    DadraAndNagarHaveliAndDamanAndDiu,
    Delhi,
    JammuAndKashmir,
    Ladakh,
    Lakshadweep,
    Puducherry,
}

public static class IndianStates
{
    private static readonly Dictionary<IndianState, string> Names = new()
    {
        [IndianState.AndhraPradesh] = "Andhra Pradesh",
        [IndianState.ArunachalPradesh] = "Arunachal Pradesh",
        [IndianState.Assam] = "Assam",
        [IndianState.Bihar] = "Bihar",
        [IndianState.Chhattisgarh] = "Chhattisgarh",
        [IndianState.Goa] = "Goa",
        [IndianState.Gujarat] = "Gujarat",
        [IndianState.Haryana] = "Haryana",
        [IndianState.HimachalPradesh] = "Himachal Pradesh",
        [IndianState.Jharkhand] = "Jharkhand",
        [IndianState.Karnataka] = "Karnataka",
        [IndianState.Kerala] = "Kerala",
        [IndianState.MadhyaPradesh] = "Madhya Pradesh",
        [IndianState.Maharashtra] = "Maharashtra",
        [IndianState.Manipur] = "Manipur",
        [IndianState.Meghalaya] = "Meghalaya",
        [IndianState.Mizoram] = "Mizoram",
        [IndianState.Nagaland] = "Nagaland",
        [IndianState.Odisha] = "Odisha",
        [IndianState.Punjab] = "Punjab",
        [IndianState.Rajasthan] = "Rajasthan",
        [IndianState.Sikkim] = "Sikkim",
        [IndianState.TamilNadu] = "Tamil Nadu",
        [IndianState.Telangana] = "Telangana",
        [IndianState.Tripura] = "Tripura",
        [IndianState.UttarPradesh] = "Uttar Pradesh",
        [IndianState.Uttarakhand] = "Uttarakhand",
        [IndianState.WestBengal] = "West Bengal",
        [IndianState.AndamanAndNicobarIslands] = "Andaman and Nicobar Islands",
        [IndianState.Chandigarh] = "Chandigarh",
        [IndianState.DadraAndNagarHaveliAndDamanAndDiu] = "Dadra and Nagar Haveli and Daman and Diu",
        [IndianState.Delhi] = "Delhi",
        [IndianState.JammuAndKashmir] = "Jammu and Kashmir",
        [IndianState.Ladakh] = "Ladakh",
        [IndianState.Lakshadweep] = "Lakshadweep",
        [IndianState.Puducherry] = "Puducherry",
    };

    /// <summary>The name an address is written with, e.g. "Tamil Nadu".</summary>
    public static string Name(this IndianState state) => Names[state];
}

public sealed class IndianStateGraphType : EnumerationGraphType<IndianState>
{
    public IndianStateGraphType()
    {
        Name = "IndianState";
        Description = "A state or union territory of India, where an order is delivered.";
    }
}
